import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { type Packed, readPacked } from './registry';

const run = promisify(execFile);

/** The checkout's root. */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** What a finished command printed and how it exited. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What a package manager's script runner adds to the environment (npm's or pnpm's). */
const RUNNER_VARS =
  /^(npm_(package|lifecycle)_|npm_(command|execpath|node_execpath)$|npm_config_(user_agent|verify_deps_before_run|global|prefix|local_prefix)$|pnpm_|init_cwd$)/i;

/**
 * The environment of the commands run outside the workspace: this process's, less what the
 * workspace's script runner put there (`npm_package_*`, `npm_config_user_agent`, `PNPM_*`...)
 * and less NODE_PATH, NODE_OPTIONS and NODE_ENV, so npm acts as in a user's shell (settings of
 * the machine's own, like a registry mirror in `npm_config_registry`, stay).
 */
export function outsideEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (RUNNER_VARS.test(k) || /^node_(path|options|env)$/i.test(k)) continue;
    env[k] = v;
  }
  return {
    ...env,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...extra,
  };
}

/** Runs a command to its end (without blocking the event loop: the registry answers meanwhile). */
export async function exec(
  file: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv },
): Promise<Ran> {
  try {
    const r = await run(file, [...args], {
      cwd: options.cwd,
      env: options.env ?? outsideEnv(),
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e: unknown) {
    // execFile's error carries the exit code and the output; anything else is thrown on.
    // (Not `instanceof Error`: under jest, node's errors come from another realm.)
    if (typeof e !== 'object' || e === null || !('code' in e) || typeof e.code !== 'number')
      throw e;
    const text = (k: 'stdout' | 'stderr') => {
      const v: unknown = Reflect.get(e, k);
      return typeof v === 'string' ? v : '';
    };
    return { code: e.code, stdout: text('stdout'), stderr: text('stderr') };
  }
}

/** Runs a command that must succeed; its output, or an error that shows what it printed. */
export async function ok(
  file: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: NodeJS.ProcessEnv },
): Promise<Ran> {
  const r = await exec(file, args, options);
  if (r.code !== 0)
    throw new Error(
      `${file} ${args.join(' ')} (in ${options.cwd}) exited ${r.code}\n${r.stdout}\n${r.stderr}`,
    );
  return r;
}

/** A fresh folder under the OS's temporary directory, outside the workspace. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `assure-${prefix}-`));
}

/**
 * Packs every package under packages/ with pnpm (which runs their `prepack` and rewrites
 * `workspace:^` to the versions), into a fresh folder; the tarballs and their manifests.
 */
export async function packAll(into: string): Promise<Packed[]> {
  const pnpm = process.env.npm_execpath;
  const [cmd, pre] =
    pnpm !== undefined && /pnpm/.test(path.basename(pnpm))
      ? [process.execPath, [pnpm]]
      : ['pnpm', []];
  await ok(cmd, [...pre, '-r', '--filter', './packages/*', 'pack', '--pack-destination', into], {
    cwd: ROOT,
    env: { ...process.env },
  });
  return readdirSync(into)
    .filter((f) => f.endsWith('.tgz'))
    .sort()
    .map((f) => readPacked(path.join(into, f)));
}
