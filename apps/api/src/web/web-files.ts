import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding `views/` (page templates) and `public/` (CSS, scripts, images): next to this
 * file when running from source (ts-node, jest), or `web/` next to the webpack bundle
 * (`dist/apps/api/main.js`, where nest-cli.json's assets copy them).
 * @throws Error naming the folders tried when neither has the templates.
 */
export function webRoot(here: string = __dirname): string {
  const candidates = [here, join(here, 'web')];
  const found = candidates.find((dir) => existsSync(join(dir, 'views', 'shell.html')));
  if (!found) throw new Error(`web pages not found: no views/shell.html under ${candidates.join(' or ')}`);
  return found;
}

/**
 * The path of `file` (e.g. `jsqr/dist/jsQR.js`) in the first `node_modules` found from `root`
 * upwards, else from the working directory (the bundle in dist/ runs from the project's root).
 * @throws Error naming the file when no node_modules has it.
 */
export function vendorFile(root: string, file: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', file);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) break;
  }
  const fromCwd = join(process.cwd(), 'node_modules', file);
  if (existsSync(fromCwd)) return fromCwd;
  throw new Error(`${file} not found in any node_modules above ${root} nor in ${process.cwd()}`);
}
