import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder above `from` that holds `nx.json`: the same from `src/` (specs) and `dist/`. */
function workspaceRootAbove(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no nx.json above ${from}`);
  }
}

/** The workspace root: servers run from there, as `npm start` does. */
export const WORKSPACE_ROOT = workspaceRootAbove(__dirname);

/** The built API server; the suites depend on `api:build` and build nothing themselves. */
export const API_MAIN = resolve(WORKSPACE_ROOT, 'apps/api/dist/main.js');
