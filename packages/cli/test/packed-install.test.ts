/**
 * Installable from the registry: every package under packages/ is packed as it would be
 * published (`pnpm pack`), served to npm as the `@assure` scope of a registry on 127.0.0.1,
 * and installed with npm outside the workspace (under the OS's temporary directory: no
 * workspace links, nothing hoisted from the checkout; third-party packages come from npm's
 * cache or registry). Then: a strict TypeScript app compiles against the installed
 * declarations (`skipLibCheck: false`) and runs as CommonJS and as an ES module, and an app
 * with a misspelt command field fails to compile, the error naming the field; the CLI,
 * installed globally into a temporary prefix, runs `assure demo` and `assure verify`; and the
 * CLI tarball installed into an empty folder runs `npx assure demo`.
 * It needs the packages built (`pnpm test` runs `tsc -b` first).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type Packed, serveScope, type ScopeRegistry } from './packed-install/registry';
import { exec, ok, outsideEnv, packAll, ROOT, tempDir } from './packed-install/tools';

const PACKAGES = [
  '@assure/audit',
  '@assure/cli',
  '@assure/domain',
  '@assure/event-store',
  '@assure/projections',
  '@assure/server',
  '@assure/store-esdb',
  '@assure/store-file',
  '@assure/store-postgres',
  '@assure/testing',
];
/** npm as a user runs it, but from its cache first: the run stays quick and mostly offline. */
const NPM = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

const work = tempDir('packed');
let packed: Packed[] = [];
let registry: ScopeRegistry | null = null;
const scope = () => `--@assure:registry=${registry?.url ?? 'unset'}`;

beforeAll(async () => {
  for (const p of PACKAGES) {
    const dist = path.join(ROOT, 'packages', p.slice('@assure/'.length), 'dist', 'index.js');
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`pnpm tsc -b\` first`);
  }
  packed = await packAll(path.join(work, 'tarballs'));
  registry = await serveScope(packed);
}, 120_000);

afterAll(async () => {
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it('are every package, none private, none depending on a package that is not published', () => {
    expect(packed.map((p) => p.manifest.name)).toEqual(PACKAGES);
    for (const { manifest } of packed) {
      expect(manifest.private).toBeUndefined();
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        expect(range).not.toMatch(/^(workspace|file|link):/);
        if (dep.startsWith('@assure/')) expect(PACKAGES).toContain(dep);
      }
    }
  });

  it('carry license, repository, engines, sideEffects and typed exports, and no build info', async () => {
    for (const { file, manifest } of packed) {
      expect(manifest).toMatchObject({
        license: 'MIT',
        repository: { type: 'git', directory: expect.stringMatching(/^packages\//) },
        engines: { node: expect.any(String) },
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      });
      expect(manifest.sideEffects).toBeDefined();
      const listing = await ok('tar', ['-tzf', file], { cwd: work });
      expect(listing.stdout).toContain('package/dist/index.d.ts');
      expect(listing.stdout).not.toMatch(/tsbuildinfo/);
    }
  });
});

describe('an app that installs them with npm', () => {
  const app = path.join(work, 'app');

  beforeAll(async () => {
    mkdirSync(path.join(app, 'src'), { recursive: true });
    writeFileSync(
      path.join(app, 'package.json'),
      JSON.stringify({ name: 'packed-app', version: '1.0.0', private: true }),
    );
    const deps = [...PACKAGES, 'fp-ts@^2.16.11', '@types/node@^20'];
    await ok('npm', ['install', ...NPM, scope(), ...deps], { cwd: app });
    // The same source as CommonJS (.cts) and as an ES module (.mts), compiled by the
    // workspace's TypeScript with the app's own options.
    for (const ext of ['cts', 'mts'])
      copyFileSync(
        path.join(__dirname, 'packed-install', 'app.ts'),
        path.join(app, 'src', `app.${ext}`),
      );
    writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(STRICT_APP));
    const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    await ok(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app });
  }, 300_000);

  it('installs them and their runtime dependencies, with no link back into the workspace', async () => {
    const ls = await ok('npm', ['ls', '--all', '--parseable'], { cwd: app });
    expect(ls.stdout).not.toContain(ROOT);
    expect(ls.stdout).toContain(path.join(app, 'node_modules', 'json-canonicalize'));
  });

  it('compiles a strict app against their declarations, skipLibCheck off', () => {
    expect(existsSync(path.join(app, 'dist', 'app.cjs'))).toBe(true);
    expect(existsSync(path.join(app, 'dist', 'app.mjs'))).toBe(true);
  });

  it.each(['app.cjs', 'app.mjs'])('runs as %s: file store, handler, status, trail', async (js) => {
    const r = await ok(process.execPath, [path.join('dist', js), `${js}.events.ndjson`], {
      cwd: app,
    });
    expect(JSON.parse(r.stdout)).toEqual(APP_OUTPUT);
  });

  it('refuses to compile an app with a misspelt command field, naming the field', async () => {
    // misspelt.ts compiles in the workspace only through its `@ts-expect-error` lines:
    // without them, each misspelling must be a compile error of the installed declarations.
    const bad = path.join(app, 'misspelt');
    mkdirSync(path.join(bad, 'src'), { recursive: true });
    const source = readFileSync(path.join(__dirname, 'packed-install', 'misspelt.ts'), 'utf8');
    const stripped = source
      .split('\n')
      .filter((line) => !line.includes('@ts-expect-error'))
      .join('\n');
    expect(stripped).not.toBe(source);
    writeFileSync(path.join(bad, 'src', 'misspelt.mts'), stripped);
    writeFileSync(
      path.join(bad, 'tsconfig.json'),
      JSON.stringify({
        ...STRICT_APP,
        compilerOptions: { ...STRICT_APP.compilerOptions, noEmit: true },
      }),
    );
    const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    const r = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: bad });
    expect(r.code).not.toBe(0);
    const errors = r.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    // One error per misspelling, each naming the misspelt field or type.
    expect(errors).toEqual([
      expect.stringMatching(/misspelt\.mts\(\d+,\d+\): error TS\d+: .*'likelihod' does not exist/),
      expect.stringMatching(/misspelt\.mts\(\d+,\d+\): error TS\d+: .*'resaon' does not exist/),
      expect.stringMatching(/misspelt\.mts\(\d+,\d+\): error TS\d+: .*'rationle' does not exist/),
      expect.stringMatching(
        /misspelt\.mts\(\d+,\d+\): error TS\d+: Type '"RescoreRsk"' is not assignable/,
      ),
    ]);
  });
});

describe('the CLI installed globally into a prefix', () => {
  const prefix = path.join(work, 'global');
  const cwd = path.join(work, 'global-cwd');
  const assure = path.join(prefix, 'bin', 'assure');

  beforeAll(async () => {
    mkdirSync(cwd, { recursive: true });
    await ok('npm', ['install', '-g', '--prefix', prefix, ...NPM, scope(), '@assure/cli'], { cwd });
  }, 300_000);

  it('runs `assure demo` from its own data, then `assure verify` on the demo store', async () => {
    const demo = await exec(assure, ['demo'], { cwd });
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Loaded the Birmingham example');
    expect(demo.stdout).toContain('Status as at 2019-10-31');
    const verify = await exec(
      assure,
      ['--store', 'file:.assure/demo/events.ndjson', '--json', 'verify'],
      {
        cwd,
      },
    );
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true, failures: [] });
  });
});

describe('the CLI tarball installed into an empty folder', () => {
  const folder = path.join(work, 'empty');

  beforeAll(async () => {
    mkdirSync(folder, { recursive: true });
    const cli = packed.find((p) => p.manifest.name === '@assure/cli');
    if (cli === undefined) throw new Error('the CLI was not packed');
    await ok('npm', ['install', ...NPM, scope(), cli.file], { cwd: folder });
  }, 300_000);

  it('runs `npx assure demo`', async () => {
    const demo = await exec('npx', ['--no', 'assure', 'demo'], { cwd: folder, env: outsideEnv() });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('Status as at 2019-10-31');
  });
});

/** The user's compiler options: strict, and the installed declarations checked too. */
const STRICT_APP = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: false,
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

/** What the app prints: the refused command's tag, the status as at 2019-04-30, the trail. */
const APP_OUTPUT = {
  refused: 'Forbidden',
  invalid: ['data.riskId', 'data.likelihood'],
  programmes: [
    {
      id: 'bcc',
      phase: 'Kerslake review response',
      areas: ['area-finance'],
      recommendations: 1,
      overdue: 1,
    },
  ],
  trail: ['2018-07-31 auditor-gt RecommendationRaised'],
};
