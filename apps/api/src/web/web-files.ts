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
 * Browser files served from npm packages at `/assets/vendor/<name>` (never from a CDN): name →
 * path inside node_modules. Chart.js's self-contained UMD build sets `globalThis.Chart`; jsQR is the
 * door page's QR decoder where the browser has no BarcodeDetector.
 */
export const VENDOR_FILES: Record<string, string> = {
  'chart.umd.min.js': 'chart.js/dist/chart.umd.min.js',
  'jsQR.js': 'jsqr/dist/jsQR.js',
};

/**
 * The absolute path of a file of `node_modules`, found by walking up from `here` (this folder
 * from source, `dist/apps/api` in the bundle, both below the project's node_modules).
 * @throws Error naming the file when no node_modules up the tree has it.
 */
export function nodeModulesFile(file: string, here: string = __dirname): string {
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', file);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`browser file not found: no node_modules/${file} above ${here}`);
  }
}
