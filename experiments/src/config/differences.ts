/** One leaf where two configs disagree: "training.balance": "class-weights" vs "none". */
export interface ConfigDifference {
  path: string;
  a: unknown;
  b: unknown;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * The leaves where `a` and `b` differ (objects compared key by key, arrays and scalars as
 * JSON), in path order. Used to flag run folders trained under another version of a config.
 */
export function configDifferences(a: unknown, b: unknown, path = ''): ConfigDifference[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => configDifferences(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, a, b }];
}

export function formatConfigDifferences(diffs: readonly ConfigDifference[]): string {
  const show = (x: unknown) => (x === undefined ? '(unset)' : JSON.stringify(x));
  return diffs.map((d) => `${d.path} ${show(d.a)} (config now ${show(d.b)})`).join(', ');
}
