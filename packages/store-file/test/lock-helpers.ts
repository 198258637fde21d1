import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { FileStore } from '@assure/store-file';
import { open, recordingLogger } from './helpers';

/** A lock holder record as the store writes it; unset fields get this host's defaults. */
export interface HolderFields {
  readonly pid: number;
  readonly host?: string;
  readonly procStart?: string;
  readonly bootId?: string;
}

function record(h: HolderFields, token: string): Record<string, unknown> {
  return {
    pid: h.pid,
    host: h.host ?? hostname(),
    startedAt: '2019-03-26T09:00:00.000Z',
    token,
    ...(h.procStart !== undefined ? { procStart: h.procStart } : {}),
    ...(h.bootId !== undefined ? { bootId: h.bootId } : {}),
  };
}

/**
 * Puts a claim in the lock folder of the log `path` as another process would have, and
 * returns its file name. `raw` replaces its content; `ageMs` dates it back; `name` rewrites
 * that claim;
 * `held` adds the marker of a claim that has won.
 */
export function writeClaim(
  path: string,
  h: HolderFields,
  options: { raw?: string; ageMs?: number; name?: string; held?: boolean } = {},
): string {
  const token = options.name?.split('.')[1] ?? randomUUID();
  const name = options.name ?? `${h.pid}.${token}.claim`;
  const file = join(`${path}.lock`, name);
  mkdirSync(`${path}.lock`, { recursive: true });
  writeFileSync(file, options.raw ?? JSON.stringify(record(h, token)));
  if (options.held === true) writeFileSync(file.replace(/\.claim$/, '.held'), '');
  if (options.ageMs !== undefined) {
    const then = new Date(Date.now() - options.ageMs);
    utimesSync(file, then, then);
  }
  return name;
}

/** Writes `PATH.lock` as a file, the lock of an earlier version of the store. */
export function writeLegacyLock(path: string, h: HolderFields): void {
  writeFileSync(`${path}.lock`, JSON.stringify(record(h, 'old')));
}

/** The claims in the lock folder of the log `path`. */
export function claimsIn(path: string): string[] {
  return readdirSync(`${path}.lock`)
    .filter((n) => n.endsWith('.claim'))
    .sort();
}

/** Opens the log `path` as the writer, expecting it to warn of the stale lock it took over as `warning` says. */
export async function openOverStaleLock(path: string, warning: RegExp): Promise<FileStore> {
  const logger = recordingLogger();
  const store = await open(path, { logger });
  expect(logger.warnings.join('\n')).toMatch(warning);
  return store;
}
