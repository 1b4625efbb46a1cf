/**
 * What every notebook cell needs besides the libraries: where the data is, whether this is a
 * quick run, and one call to write + show a figure or a table.
 *
 * Loaded inside the notebooks' kernel (notebooks/kernel/tslab-kernel.cjs), whose working
 * directory is the repository root: cells import this as './notebooks/lib'.
 */
import { display } from 'tslab';
import { resolveDataRoot, type ResolvedDataRoot } from '@efficientecg/datasets';
import { closeSharedRenderer, defaultFiguresDir, writeFigure, type FigureData, type FigureSize, type FigureSpec } from '@efficientecg/experiments/src/figures';
import { displayPath } from '@efficientecg/experiments/src/reproduce/display-path';
import { dataFrameToMarkdown, defaultTablesDir, writeDataFrameTable, type TableMeta } from '@efficientecg/experiments/src/tables';
import type { DataFrame } from 'danfojs-node';
import { join } from 'node:path';

/** Set to 1 (by `npm run notebooks -- --quick`) to keep every notebook small and fast. */
export const QUICK_ENV = 'NOTEBOOKS_QUICK';
/** Set by the runner in quick mode so quick results never overwrite results/. */
export const RESULTS_DIR_ENV = 'NOTEBOOKS_RESULTS_DIR';

export interface Notebook {
  /** "01-tour". */
  name: string;
  quick: boolean;
  dataRoot: ResolvedDataRoot;
  /** True on the bundled sample (a few records of each set, not the full data sets). */
  onSample: boolean;
  figuresDir: string;
  tablesDir: string;
  /** Render, write `<figuresDir>/<id>.png` + `.csv`, and show the PNG. */
  figure(id: string, spec: FigureSpec, options?: FigureSize & { data?: FigureData }): Promise<void>;
  /** Write `<tablesDir>/<id>.csv` + `.md` and show the Markdown. */
  table(df: Pick<DataFrame, 'columns' | 'values'>, meta: TableMeta): void;
  /** Show Markdown text. */
  note(markdown: string): void;
  /** Stop the figure browser (last cell). */
  close(): Promise<void>;
}

/** Paths as notebooks print them: relative to the workspace root (one helper with the results tables). */
export const shownPath = displayPath;

function resultsDirs(dataRoot: ResolvedDataRoot, env: NodeJS.ProcessEnv): { figuresDir: string; tablesDir: string } {
  const override = env[RESULTS_DIR_ENV];
  if (override) {
    const sub = dataRoot.source === 'bundled-sample' ? ['sample'] : [];
    return { figuresDir: join(override, ...sub, 'figures'), tablesDir: join(override, ...sub, 'tables') };
  }
  return { figuresDir: defaultFiguresDir(dataRoot), tablesDir: defaultTablesDir(dataRoot) };
}

export function openNotebook(name: string, env: NodeJS.ProcessEnv = process.env): Notebook {
  const dataRoot = resolveDataRoot(undefined, env);
  const quick = env[QUICK_ENV] === '1';
  const { figuresDir, tablesDir } = resultsDirs(dataRoot, env);
  return {
    name,
    quick,
    dataRoot,
    onSample: dataRoot.source === 'bundled-sample',
    figuresDir,
    tablesDir,
    async figure(id, spec, options = {}) {
      const w = await writeFigure(figuresDir, `${name}-${id}`, spec, options);
      display.png(w.bytes);
      display.markdown(`<sub>${shownPath(w.png)} · numbers: ${shownPath(w.csv)}</sub>`);
    },
    table(df, meta) {
      const full = { ...meta, id: `${name}-${meta.id}` };
      const [csv] = writeDataFrameTable(tablesDir, df, full);
      display.markdown(`${dataFrameToMarkdown(df, full)}\n<sub>${shownPath(csv)} (+ .md)</sub>`);
    },
    note(markdown) {
      display.markdown(markdown);
    },
    close: closeSharedRenderer,
  };
}

/** The banner every notebook prints first: which data, which mode, where results go. */
export function describeNotebook(nb: Notebook): string {
  const data =
    nb.dataRoot.source === 'bundled-sample'
      ? '**the bundled sample** (`sample-data/`: a few records per data set; numbers are illustrations, not results)'
      : `\`${shownPath(nb.dataRoot.path)}\` (from ${nb.dataRoot.source === 'env' ? '$ECG_DATA_ROOT' : nb.dataRoot.source})`;
  const mode = nb.quick ? '**quick mode** (NOTEBOOKS_QUICK=1: small subsets, for CI; not the full analysis)' : 'full';
  return [`Data root: ${data}`, `Mode: ${mode}`, `Figures: \`${shownPath(nb.figuresDir)}\`, tables: \`${shownPath(nb.tablesDir)}\``].join('  \n');
}
