#!/usr/bin/env node
// Ships the demo's data inside the CLI package: `prepack` copies the Birmingham example's
// generated commands file (examples/birmingham/commands.ndjson, read only, never edited here)
// into data/, which `files` includes; `postpack` removes the copy, so a checkout's demo keeps
// reading the example itself.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const pkg = path.resolve(__dirname, '..');
const source = path.resolve(pkg, '..', '..', 'examples', 'birmingham', 'commands.ndjson');
const target = path.join(pkg, 'data', 'birmingham', 'commands.ndjson');

if (process.argv[2] === 'clean') {
  fs.rmSync(path.join(pkg, 'data'), { recursive: true, force: true });
} else {
  if (!fs.existsSync(source)) {
    console.error(`demo-data: ${source} is missing (generate the example first)`);
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
}
