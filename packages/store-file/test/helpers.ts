import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { Envelope, ProposedEvent, StoreError } from '@assure/event-store';
import {
  openFileStore,
  verifiedPrefixPath,
  type FileStore,
  type FileStoreOptions,
} from '@assure/store-file';
import { appendOk, collect, perTest } from '@assure/testing';

let seq = 0;

/** A proposed event from the Birmingham story: the chief finance officer rescoring equal pay. */
export function rescored(likelihood: number, extra: Record<string, unknown> = {}): ProposedEvent {
  seq++;
  return {
    eventId: `evt-${process.pid}-${seq}`,
    type: 'RiskRescored',
    schemaVersion: 1,
    data: {
      riskId: 'equal-pay',
      likelihood,
      impact: 5,
      rationale: 'Equal pay settlements still outstanding',
      ...extra,
    },
    meta: {
      actor: 'officer-cfo',
      role: 'officer',
      occurredAt: '2019-03-12T00:00:00.000Z',
      commandId: `cmd-${seq}`,
    },
  };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(): { readonly dir: string; readonly cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'assure-store-file-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The temporary folder of the tests of one `describe` (see {@link useTempDir}). */
export interface TempFolder {
  /** The folder, fresh for each test (or for the whole `describe`). */
  readonly dir: string;
  /** The log file `events.ndjson` in it. */
  readonly log: string;
}

/**
 * Registers hooks giving each test of the enclosing `describe` a fresh temporary folder
 * (`'all'`: one for all its tests), removed after it; read `dir` and `log` in hooks and tests
 * registered after this call.
 */
export function useTempDir(scope: 'each' | 'all' = 'each'): TempFolder {
  const folder = perTest(tempDir, (t) => t.cleanup(), scope);
  return {
    get dir() {
      return folder().dir;
    },
    get log() {
      return join(folder().dir, 'events.ndjson');
    },
  };
}

/** A logger that records warnings. */
export function recordingLogger(): { warnings: string[]; warn: (m: string) => void } {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => warnings.push(m) };
}

/** Opens a store, failing the test with the store's message if it cannot. */
export async function open(path: string, options: FileStoreOptions = {}): Promise<FileStore> {
  const r = await openFileStore(path, { logger: recordingLogger(), ...options })();
  if (E.isLeft(r)) throw new Error(`open failed: ${r.left.message}`);
  return r.right;
}

/** Opens a store expecting a failure, and returns it. */
export async function openFails(path: string, options: FileStoreOptions = {}): Promise<StoreError> {
  const r = await openFileStore(path, { logger: recordingLogger(), ...options })();
  if (E.isRight(r)) {
    await r.right.close();
    throw new Error('expected the open to fail');
  }
  return r.left;
}

/** Opens the log `path`, reads all its events and closes it again. */
export async function eventsOnOpen(
  path: string,
  options: FileStoreOptions = {},
): Promise<Envelope[]> {
  const store = await open(path, options);
  const events = await collect(store.readAll());
  await store.close();
  return events;
}

/** The identity of an event as the tests compare it. */
export const brief = (e: Envelope) => `${e.position} ${e.stream}@${e.revision} ${e.hash}`;

/** A log of `n` events over two streams, written by the file store; returns what it wrote. */
export async function writeLog(
  path: string,
  n: number,
  options: FileStoreOptions = {},
): Promise<Envelope[]> {
  const store = await open(path, options);
  const written: Envelope[] = [];
  for (let i = 0; i < n; i++) {
    const r = await appendOk(store, i % 2 === 0 ? 'risk-equal-pay' : 'risk-housing', [
      rescored(1 + (i % 5)),
    ]);
    written.push(...r.events);
  }
  await store.close();
  return written;
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** The times of no lines: the SHA-256 of nothing (no times file is read). */
const EMPTY_SHA256 = sha(Buffer.alloc(0));

/** The verified-prefix record a reader would write for the file as it is now (a forger's tool). */
export const forgeRecord = (path: string) =>
  writeFileSync(
    verifiedPrefixPath(path),
    JSON.stringify({
      format: 'assure-verified-prefix',
      version: 3,
      segments: [
        {
          end: readFileSync(path).length,
          sha256: sha(readFileSync(path)),
          lines: 0,
        },
      ],
      times: { days: EMPTY_SHA256, recorded: EMPTY_SHA256 },
    }),
  );
