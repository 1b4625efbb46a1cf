import { relative } from 'node:path';
import { workspaceRoot } from '@efficientecg/datasets';

/**
 * A path as committed results and notebooks show it: relative to the workspace root
 * (`sample-data`, `../shared/data`), so no output carries one machine's absolute folders.
 */
export function displayPath(path: string): string {
  return relative(workspaceRoot(), path) || '.';
}
