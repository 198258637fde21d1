import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import {
  defaultRagPolicy,
  decodeEvent,
  ragPolicies,
  ragPolicyByName,
  type RagPolicy,
} from '@assure/domain';
import type { EventStore } from '@assure/event-store';
import {
  fileSnapshotStore,
  fullReadModels,
  readModels,
  trailCells,
  trailCsv,
  trackerCells,
  trackerCsv,
  TRACKER_CSV_COLUMNS,
  TRAIL_CSV_COLUMNS,
  type SnapshotStore,
  type TrailFilter,
} from '@assure/projections';
import { openLogReader, positionsAreByteOffsets } from '@assure/store-file';
import { type Ctx, fail, printJson, withStore } from '../context';
import { CliErrors, messageOf } from '../errors';
import { ExitCode } from '../exit-codes';
import { measureLog, trackReads } from '../progress';
import { renderRisks, renderStatus, renderStocktakes, renderTracker, renderTrail } from '../render';
import { missingLog, parseStoreUrl, type StoreLocation } from '../store/url';
import { parseDayOption, timeOptions } from '../time-options';
import { writeXlsx } from '../xlsx';
import { witnessOf } from './witness';

/** The options of the reading commands. */
export interface ReadFlags {
  readonly asAt?: string;
  readonly knownAt?: string;
  readonly policy?: string;
  readonly snapshot?: boolean;
  /** Read this export (verified first) instead of the `--store`. */
  readonly fromExport?: string;
  /** `--root HEX --size N`: the witnessed root the export is verified against. */
  readonly root?: string;
  readonly size?: string;
  /** tracker: CSV on stdout. */
  readonly csv?: boolean;
  /** tracker: an XLSX workbook written to this file. */
  readonly xlsx?: string;
}

/** The views the reading commands print. */
export type ViewName = 'status' | 'tracker' | 'risks' | 'stocktakes' | 'trail';

/**
 * The read-model snapshot of a file store: `<log>.read-models.json` next to the log
 * (none for other stores, and none with `--no-snapshot`).
 */
export function snapshotFor(location: StoreLocation, flags: ReadFlags): SnapshotStore | null {
  if (flags.snapshot === false || location._tag !== 'file') return null;
  return fileSnapshotStore(`${location.path}.read-models.json`);
}

/** Resolves `--policy NAME` (default `bcc-cgip@2`). */
export function policyOf(
  name: string | undefined,
): E.Either<ReturnType<typeof CliErrors.usage>, RagPolicy> {
  if (name === undefined) return E.right(defaultRagPolicy);
  const policy = ragPolicyByName(name);
  return policy === undefined
    ? E.left(
        CliErrors.usage(
          `--policy: unknown RAG policy ${JSON.stringify(name)} (one of ${Object.keys(ragPolicies).join(', ')})`,
        ),
      )
    : E.right(policy);
}

/** Builds and prints one of status, tracker or risks from an open store. */
export async function printView(
  ctx: Ctx,
  store: EventStore,
  view: Exclude<ViewName, 'trail'>,
  flags: ReadFlags,
  snapshots: SnapshotStore | null,
): Promise<ExitCode> {
  const policy = policyOf(flags.policy);
  if (E.isLeft(policy)) return fail(ctx, policy.left);
  const r = await readModels(store, {
    decode: decodeEvent,
    clock: ctx.io.now,
    snapshots,
    ...(flags.asAt === undefined ? {} : { asAt: flags.asAt }),
    ...(flags.knownAt === undefined ? {} : { knownAt: flags.knownAt }),
  })();
  if (E.isLeft(r)) return fail(ctx, r.left);
  // A snapshot that was not used (damaged, edited, stale, of another log) is never shown:
  // the views were rebuilt from the log, and the snapshot saved over it.
  if (r.right.load.snapshotProblem !== null)
    ctx.io.err(
      `assure: warning: read-model snapshot ${snapshots?.location ?? ''} not used (${r.right.load.snapshotProblem}); rebuilt from the log\n`,
    );
  const m = r.right.models;
  switch (view) {
    case 'status': {
      const doc = m.status(policy.right);
      ctx.io.out(ctx.globals.json ? `${JSON.stringify(doc, null, 2)}\n` : renderStatus(doc));
      break;
    }
    case 'tracker': {
      const doc = m.tracker({ policy: policy.right });
      if (flags.xlsx !== undefined)
        return writeSheet(
          ctx,
          flags.xlsx,
          'Tracker',
          TRACKER_CSV_COLUMNS,
          doc.rows.map(trackerCells),
        );
      if (flags.csv === true) ctx.io.out(trackerCsv(doc.rows));
      else ctx.io.out(ctx.globals.json ? `${JSON.stringify(doc, null, 2)}\n` : renderTracker(doc));
      break;
    }
    case 'risks': {
      const doc = m.risks();
      ctx.io.out(ctx.globals.json ? `${JSON.stringify(doc, null, 2)}\n` : renderRisks(doc));
      break;
    }
    case 'stocktakes': {
      const doc = m.stocktakes();
      ctx.io.out(ctx.globals.json ? `${JSON.stringify(doc, null, 2)}\n` : renderStocktakes(doc));
      break;
    }
    default: {
      const never: never = view;
      return never;
    }
  }
  return ExitCode.ok;
}

/** The trail's options. */
export interface TrailFlags extends ReadFlags {
  readonly stream?: string;
  readonly actor?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Builds and prints the audit trail from an open store. */
export async function printTrail(
  ctx: Ctx,
  store: EventStore,
  flags: TrailFlags,
): Promise<ExitCode> {
  for (const [name, v] of [
    ['--from', flags.from],
    ['--to', flags.to],
  ] as const) {
    const day = v === undefined ? E.right(v) : parseDayOption(name, v);
    if (E.isLeft(day)) return fail(ctx, day.left);
  }
  const r = await fullReadModels(store, {
    decode: decodeEvent,
    clock: ctx.io.now,
    snapshots: null,
    ...(flags.asAt === undefined ? {} : { asAt: flags.asAt }),
    ...(flags.knownAt === undefined ? {} : { knownAt: flags.knownAt }),
  })();
  if (E.isLeft(r)) return fail(ctx, r.left);
  const filter: TrailFilter = {
    ...(flags.stream === undefined ? {} : { stream: flags.stream }),
    ...(flags.actor === undefined ? {} : { actor: flags.actor }),
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
  };
  const doc = r.right.models.trail(filter);
  if (flags.xlsx !== undefined)
    return writeSheet(ctx, flags.xlsx, 'Trail', TRAIL_CSV_COLUMNS, doc.rows.map(trailCells));
  if (flags.csv === true) ctx.io.out(trailCsv(doc.rows));
  else if (ctx.globals.json) printJson(ctx, doc);
  else ctx.io.out(renderTrail(doc));
  return ExitCode.ok;
}

/**
 * Opens the `--store` for reading: a file store through `openLogReader` (@assure/store-file:
 * no full index on open, so a snapshot can serve), any other store as usual.
 */
async function withReader(
  ctx: Ctx,
  flags: ReadFlags,
  use: (store: EventStore, location: StoreLocation | null) => Promise<ExitCode>,
): Promise<ExitCode> {
  const witness = witnessOf(flags);
  if (E.isLeft(witness)) return fail(ctx, witness.left);
  if (flags.fromExport !== undefined) {
    // Loaded only here: the audit package is not needed to read a store.
    const { verifiedExport } = await import('./from-export.js');
    const v = await verifiedExport(ctx, flags.fromExport, witness.right);
    return E.isLeft(v) ? fail(ctx, v.left) : use(v.right.store, null);
  }
  if (witness.right !== undefined)
    return fail(ctx, CliErrors.usage('--root/--size: give them with --from-export FILE'));
  const location = parseStoreUrl(ctx.globals.store, ctx.io.cwd);
  if (E.isRight(location) && location.right._tag === 'file') {
    const missing = await missingLog(location.right.path);
    if (missing !== null) return fail(ctx, missing);
  }
  if (
    E.isRight(location) &&
    location.right._tag === 'file' &&
    (await positionsAreByteOffsets(location.right.path))
  ) {
    const reader = openLogReader(location.right.path);
    return use(reader, location.right);
  }
  return withStore(ctx, { readOnly: true }, use);
}

/** Writes rows to an XLSX file and says so. */
async function writeSheet(
  ctx: Ctx,
  out: string,
  sheet: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<ExitCode> {
  if (!out.endsWith('.xlsx')) return fail(ctx, CliErrors.usage('--xlsx: a file ending in .xlsx'));
  try {
    await writeXlsx(path.resolve(ctx.io.cwd, out), sheet, header, rows);
  } catch (e) {
    return fail(ctx, CliErrors.unreadable(out, messageOf(e)));
  }
  if (ctx.globals.json) printJson(ctx, { out, rows: rows.length });
  else ctx.io.out(`wrote ${rows.length} rows to ${out}\n`);
  return ExitCode.ok;
}

/** The store read for `view`: with a bar over each pass of its log when it is a store's log. */
async function trackedFor(
  ctx: Ctx,
  view: ViewName,
  store: EventStore,
  location: StoreLocation | null,
): Promise<EventStore> {
  if (location === null) return store;
  const measure = await measureLog(ctx, store, location);
  return trackReads(ctx, `reading the log for ${view}`, store, measure);
}

/** `assure status|tracker|risks` against the `--store` or `--from-export FILE`. */
export async function readCommand(
  ctx: Ctx,
  view: Exclude<ViewName, 'trail'>,
  given: ReadFlags,
): Promise<ExitCode> {
  const time = timeOptions(given);
  if (E.isLeft(time)) return fail(ctx, time.left);
  const flags = withTime(given, time.right);
  return withReader(ctx, flags, async (store, location) =>
    printView(
      ctx,
      await trackedFor(ctx, view, store, location),
      view,
      flags,
      location === null ? null : snapshotFor(location, flags),
    ),
  );
}

/** `assure trail` against the `--store`. */
export async function trailCommand(ctx: Ctx, given: TrailFlags): Promise<ExitCode> {
  const time = timeOptions(given);
  if (E.isLeft(time)) return fail(ctx, time.left);
  const flags = withTime(given, time.right);
  return withReader(ctx, flags, async (store, location) =>
    printTrail(ctx, await trackedFor(ctx, 'trail', store, location), flags),
  );
}

/**
 * Flags with `asAt`/`knownAt` replaced by their checked forms (`timeOptions` gives a key
 * exactly when the flag was given, so the spread replaces each one given).
 */
function withTime<F extends ReadFlags>(
  flags: F,
  time: { readonly asAt?: string; readonly knownAt?: string },
): F {
  return { ...flags, ...time };
}
