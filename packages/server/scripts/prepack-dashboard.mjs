// The package's prepack: ships a dashboard built from the current dashboard/ sources. It
// builds (Vite, production mode whatever NODE_ENV says) only when the built page is missing
// or older than a source file, as make would: a `pnpm build` just before (as `pnpm test`
// and CI run it) is not redone, so packing never rewrites the page while something serves
// or reads it (the packed-install test packs every package while other tests run).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sources = path.join(pkg, 'dashboard');
const built = path.join(pkg, 'assets', 'dashboard');

/** The modification times (ms) of every file under `dir`; none when it does not exist. */
function mtimes(dir) {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => statSync(path.join(e.parentPath, e.name)).mtimeMs);
  } catch {
    return [];
  }
}

const out = mtimes(built);
const hasPage = out.length > 0;
if (hasPage && Math.min(...out) >= Math.max(...mtimes(sources))) {
  console.log('dashboard: assets/dashboard is up to date with dashboard/');
} else {
  const vite = path.join(
    path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'dashboard/vite.config.mjs'], {
    cwd: pkg,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  process.exit(r.status ?? 1);
}
