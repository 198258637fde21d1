import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * The release set-up (docs/releasing.md): every publishable package is in the one fixed
 * changesets group, public, ships a CHANGELOG whose latest entry is its version; the
 * private packages (examples, docs) are ignored. `pnpm release:check` (in `pnpm run ci`)
 * then runs `pnpm -r publish --dry-run` over them.
 */
const root = path.resolve(__dirname, '..', '..');
const json = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly files?: readonly string[];
  readonly publishConfig?: { readonly access?: string };
}
const manifests = (dir: string): { dir: string; manifest: Manifest }[] =>
  readdirSync(path.join(root, dir)).map((d) => ({
    dir: `${dir}/${d}`,
    manifest: json(`${dir}/${d}/package.json`) as unknown as Manifest,
  }));

const all = [
  ...manifests('packages'),
  ...manifests('examples'),
  { dir: 'docs', manifest: json('docs/package.json') as unknown as Manifest },
];
const publishable = all.filter((p) => p.manifest.private !== true);
const privates = all.filter((p) => p.manifest.private === true);
const config = json('.changeset/config.json') as {
  fixed: string[][];
  ignore: string[];
  access: string;
};

describe('the release set-up', () => {
  it('versions every publishable package together and ignores the private ones', () => {
    expect(publishable.map((p) => p.dir).sort()).toEqual(
      readdirSync(path.join(root, 'packages'))
        .map((d) => `packages/${d}`)
        .sort(),
    );
    expect(config.fixed).toEqual([publishable.map((p) => p.manifest.name).sort()]);
    expect([...config.ignore].sort()).toEqual(privates.map((p) => p.manifest.name).sort());
    expect(config.access).toBe('public');
  });

  it('gives one version to every publishable package', () => {
    expect(new Set(publishable.map((p) => p.manifest.version)).size).toBe(1);
  });

  for (const { dir, manifest } of publishable)
    it(`${manifest.name}: public, and ships a CHANGELOG whose latest entry is ${manifest.version}`, () => {
      expect(manifest.publishConfig?.access).toBe('public');
      expect(manifest.files).toContain('CHANGELOG.md');
      const log = readFileSync(path.join(root, dir, 'CHANGELOG.md'), 'utf8');
      expect(log.startsWith(`# ${manifest.name}\n`)).toBe(true);
      expect(/^## (\S+)$/m.exec(log)?.[1]).toBe(manifest.version);
    });

  it('has the scripts the release process names', () => {
    const scripts = (json('package.json') as { scripts: Record<string, string> }).scripts;
    expect(scripts['changeset']).toBe('changeset');
    expect(scripts['release']).toBe('node scripts/repository.js check && changeset version');
    expect(scripts['release:publish']).toBe(
      'node scripts/repository.js check && changeset publish',
    );
    expect(scripts['release:check']).toBe('pnpm -r publish --dry-run --no-git-checks');
    expect(scripts['ci']).toContain('pnpm release:check');
  });
});

describe('the repository address (scripts/repository.js)', () => {
  const script = path.join(root, 'scripts', 'repository.js');
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  /** A copy of the packages' manifests, for the script to rewrite. */
  const copy = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assure-repository-'));
    for (const { dir: pkg } of publishable.filter((p) => p.dir.startsWith('packages/'))) {
      mkdirSync(path.join(dir, pkg), { recursive: true });
      copyFileSync(path.join(root, pkg, 'package.json'), path.join(dir, pkg, 'package.json'));
    }
    return dir;
  };

  it('refuses to release while the address is the unset one, naming the packages', () => {
    const r = run('check', '--root', copy());
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the repository address is not set in @assure/audit');
  });

  it('writes one address into every package, keeping each folder, and then passes', () => {
    const dir = copy();
    const r = run('set', 'https://git.example.org/council/assure.git', '--root', dir);
    expect(r.status).toBe(0);
    for (const { dir: pkg } of publishable.filter((p) => p.dir.startsWith('packages/'))) {
      const m = JSON.parse(readFileSync(path.join(dir, pkg, 'package.json'), 'utf8')) as {
        repository: unknown;
      };
      expect(m.repository).toEqual({
        type: 'git',
        url: 'git+https://git.example.org/council/assure.git',
        directory: pkg,
      });
    }
    expect(run('check', '--root', dir).status).toBe(0);
  });

  it('refuses an address that is not an https URL, and writes nothing', () => {
    const dir = copy();
    const before = readFileSync(path.join(dir, 'packages/cli/package.json'), 'utf8');
    const r = run('set', 'ftp://host/x', '--root', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("expected the repository's https URL");
    expect(readFileSync(path.join(dir, 'packages/cli/package.json'), 'utf8')).toBe(before);
  });
});
