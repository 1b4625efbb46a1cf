import { isAbsolute, relative } from 'node:path';
import { workspaceRoot } from '@efficientecg/datasets';

/** A path as committed results show it: relative to the workspace when inside it, so results do not carry one machine's folders. */
export function displayPath(path: string): string {
  const rel = relative(workspaceRoot(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
