#!/usr/bin/env node
// The public address of the project's git repository, written into every published manifest
// (`repository.url`; `repository.directory` stays each package's folder). Until the owners
// choose it, the manifests carry an address under the reserved `.invalid` domain, which
// points nowhere and cannot be mistaken for someone's repository.
//
//   node scripts/repository.js check        exit 1 while any package's address is unset or
//                                          the packages disagree (run by `pnpm release` and
//                                          `pnpm release:publish`, so nothing is versioned
//                                          or published with it)
//   node scripts/repository.js set <url>    write <url> (git+https://... or https://...) into
//                                          every package under packages/
//
// `--root DIR` works on another checkout (the tests use a copy).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const UNSET_HOST = /^git\+https:\/\/[^/]*\.invalid\//;

function parseArgs(argv) {
  const args = [...argv];
  let root = path.resolve(__dirname, '..');
  const at = args.indexOf('--root');
  if (at !== -1) {
    const dir = args[at + 1];
    if (dir === undefined) fail('--root: expected a folder');
    root = path.resolve(dir);
    args.splice(at, 2);
  }
  return { root, command: args[0], url: args[1] };
}

function fail(message) {
  process.stderr.write(`repository: ${message}\n`);
  process.exit(1);
}

function manifests(root) {
  const base = path.join(root, 'packages');
  return fs
    .readdirSync(base)
    .sort()
    .map((d) => path.join(base, d, 'package.json'))
    .filter((f) => fs.existsSync(f))
    .map((file) => ({ file, json: JSON.parse(fs.readFileSync(file, 'utf8')) }))
    .filter(({ json }) => json.private !== true);
}

function check(root) {
  const found = manifests(root);
  const unset = found.filter(({ json }) => {
    const url = json.repository && json.repository.url;
    return typeof url !== 'string' || UNSET_HOST.test(url);
  });
  if (unset.length > 0)
    fail(
      `the repository address is not set in ${unset.map(({ json }) => json.name).join(', ')}: ` +
        "run `node scripts/repository.js set <url>` with the project's public git URL first",
    );
  const urls = new Set(found.map(({ json }) => json.repository.url));
  if (urls.size > 1) fail(`the packages name different repositories: ${[...urls].join(', ')}`);
  process.stdout.write(`repository: ${[...urls][0]} (${found.length} packages)\n`);
}

function set(root, url) {
  if (url === undefined || !/^(git\+)?https:\/\/[^\s/]+\/\S+$/.test(url))
    fail("set: expected the repository's https URL, e.g. git+https://host/owner/repo.git");
  const gitUrl = url.startsWith('git+') ? url : `git+${url}`;
  if (UNSET_HOST.test(gitUrl)) fail('set: a .invalid address is the unset one');
  for (const { file, json } of manifests(root)) {
    const directory = path.relative(root, path.dirname(file)).split(path.sep).join('/');
    json.repository = { type: 'git', url: gitUrl, directory };
    fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  }
  check(root);
}

const { root, command, url } = parseArgs(process.argv.slice(2));
if (command === 'check') check(root);
else if (command === 'set') set(root, url);
else fail('usage: node scripts/repository.js check | set <url> [--root DIR]');
