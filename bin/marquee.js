#!/usr/bin/env node
'use strict';
// `marquee …` (npx marquee in the repository): the command-line client. Runs the build
// (dist/apps/cli/main.js, made by `npm run build`) when there is one, else the TypeScript
// sources through ts-node (transpile only), with tsconfig.json's @app/* paths (the CLI imports
// the Nest-free @app/contracts).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = join(root, 'dist', 'apps', 'cli', 'main.js');
if (existsSync(built)) {
  require(built);
} else {
  const project = join(root, 'tsconfig.json');
  require('ts-node').register({ transpileOnly: true, project });
  require('tsconfig-paths').register({ baseUrl: root, paths: require(project).compilerOptions.paths });
  require(join(root, 'apps', 'cli', 'src', 'main.ts'));
}
