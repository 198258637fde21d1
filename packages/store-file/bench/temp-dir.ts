import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs a benchmark's `main` in a fresh temporary folder (`prefix` names it), removed after;
 * a failure is printed and ends the process with status 1.
 */
export function runInTempDir(prefix: string, main: (dir: string) => Promise<void>): void {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  main(dir)
    .finally(() => rmSync(dir, { recursive: true, force: true }))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
