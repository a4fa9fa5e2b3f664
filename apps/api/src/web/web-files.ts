import { existsSync } from 'node:fs';
import { join } from 'node:path';

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
