/** Why a figure could not be rendered or written; `code` says what kind of problem it is. */
export type FigureErrorCode = 'NO_BROWSER' | 'RENDER_FAILED' | 'BAD_FIGURE';

export class FigureError extends Error {
  constructor(
    readonly code: FigureErrorCode,
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
    this.name = 'FigureError';
  }
}
