import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './helpers';

const PACKAGE = path.resolve(__dirname, '..');
/** Where `pnpm build` puts the page the server serves. */
const BUILT = path.join(PACKAGE, 'assets/dashboard');
const VITE = path.join(path.dirname(require.resolve('vite/package.json')), 'bin/vite.js');

/** Every file under `dir`, by its relative path, with its content. */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = await fs.readFile(file, 'utf8');
  }
  return out;
}

describe('the built dashboard', () => {
  it('is what Vite builds from dashboard/src now (rebuild with pnpm build)', async () => {
    const out = await tempDir();
    try {
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [
            VITE,
            'build',
            '--config',
            'dashboard/vite.config.mjs',
            '--outDir',
            out,
            '--logLevel',
            'error',
          ],
          // jest sets NODE_ENV=test; the package's build runs without it (Vite: production).
          {
            cwd: PACKAGE,
            stdio: ['ignore', 'ignore', 'inherit'],
            env: { ...process.env, NODE_ENV: 'production' },
          },
        );
        child.on('error', reject);
        child.on('close', resolve);
      });
      expect(code).toBe(0);
      const built = await filesOf(out);
      expect(Object.keys(built).sort()).toEqual(Object.keys(await filesOf(BUILT)).sort());
      expect(built).toEqual(await filesOf(BUILT));
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  });
});
