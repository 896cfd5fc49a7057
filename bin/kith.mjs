#!/usr/bin/env node
// The `kith` command. Kith runs its TypeScript directly on a Node that strips types;
// on an older system Node it re-runs itself on the Node 24 that `npm install` put in
// node_modules (the `node` devDependency), so `kith` works wherever the project is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'src', 'daemon', 'cli.ts');
// process.features.typescript is set where Node can run .ts itself (22.18+, 23.6+).
if (process.features.typescript) {
  // As cli.ts does, but from a JavaScript file: with every module's stripped TypeScript in
  // the compile cache, Node then never loads its type stripper (measured 4-6% of a
  // command's start here), so tests and scripts that run `kith` many times start it from here.
  enableCompileCache();
  const { main } = await import(join(root, 'src', 'daemon', 'cli-main.ts'));
  process.exitCode = await main(process.argv.slice(2));
} else {
  const bundled = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
  if (!existsSync(bundled)) {
    console.error(`kith: needs Node.js 22.18 or newer (this is ${process.version}). Run \`npm install\` in ${root}, or install a newer Node.`);
    process.exit(1);
  }
  const result = spawnSync(bundled, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
