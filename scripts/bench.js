#!/usr/bin/env node
// Runs every benchmark (packages/*/bench/*.bench.ts, after `tsc -b`) in its own Node process,
// so peak RSS figures do not mix. Filter with an argument: `pnpm bench store-file`.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const filter = process.argv[2];
const files = [];
for (const dir of ['packages', 'examples']) {
  const base = path.join(root, dir);
  if (!fs.existsSync(base)) continue;
  for (const pkg of fs.readdirSync(base).sort()) {
    const benchDir = path.join(base, pkg, 'bench');
    if (!fs.existsSync(benchDir)) continue;
    for (const f of fs.readdirSync(benchDir).sort()) {
      if (f.endsWith('.bench.ts') && (!filter || `${pkg}/${f}`.includes(filter))) files.push(path.join(benchDir, f));
    }
  }
}
let failed = 0;
for (const file of files) {
  console.log(`\n## ${path.relative(root, file)}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', '-r', '@swc-node/register', file], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json') },
  });
  if (r.status !== 0) {
    failed++;
    console.log(`(benchmark exited with ${r.status ?? r.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
