#!/usr/bin/env node
'use strict';
// `marquee …` (npx marquee in the repository): the command-line client. Runs the build
// (dist/apps/cli/main.js, made by `npm run build`) when there is one, else the TypeScript
// sources through ts-node (transpile only; the CLI has no path aliases to resolve).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = join(root, 'dist', 'apps', 'cli', 'main.js');
if (existsSync(built)) {
  require(built);
} else {
  require('ts-node').register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
  require(join(root, 'apps', 'cli', 'src', 'main.ts'));
}
