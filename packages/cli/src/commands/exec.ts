import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { domainModel, type ValidationFailed } from '@assure/domain';
import {
  createCommandHandler,
  decodeCommandMeta,
  type CommandMeta,
  type EventStore,
} from '@assure/event-store';
import { type Ctx, printJson, withMessage, withStore } from '../context';
import { CliErrors, describeError, messageOf, type TaggedError } from '../errors';
import { exitCodeOf, ExitCode } from '../exit-codes';
import { progressShown, startProgress, type Progress } from '../progress';
import { byteLines, decodeUtf8, parseJsonStrict } from '../strict-json';

/** The normative `exec --json` summary. */
export interface ExecSummary {
  /** Commands applied (a repeated commandId counts: it is applied, idempotently). */
  readonly applied: number;
  /** Events written by this run. */
  readonly events: number;
  /** Position of the last event written or returned, null when none. */
  readonly lastPosition: string | null;
  readonly failure: null | { readonly line: number; readonly error: TaggedError };
}

const validation = (path: string, message: string): ValidationFailed => ({
  _tag: 'ValidationFailed',
  errors: [{ path, message }],
  message: `invalid input: ${path === '' ? '' : `${path}: `}${message}`,
});

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/**
 * One parsed line: the command and its meta, or why it cannot be applied (not JSON, a key
 * repeated in an object, not the shape of a command line).
 */
export function parseLine(
  raw: string,
  defaults: { readonly actor?: string; readonly role?: string },
  backfill: boolean,
): E.Either<
  TaggedError,
  { command: { type: unknown; data: unknown }; meta: Record<string, unknown> }
> {
  const json = parseJsonStrict(raw);
  if (E.isLeft(json))
    return E.left(
      validation(
        json.left.path,
        json.left.path === '' ? `not a JSON object: ${json.left.message}` : json.left.message,
      ),
    );
  const value = json.right;
  if (!isRecord(value))
    return E.left(validation('', 'expected a JSON object {"type", "data", "meta"}'));
  for (const key of Object.keys(value))
    if (key !== 'type' && key !== 'data' && key !== 'meta')
      return E.left(validation(key, 'is not allowed'));
  const meta = value['meta'] ?? {};
  if (!isRecord(meta)) return E.left(validation('meta', 'expected an object'));
  if (meta['recordedAt'] !== undefined && !backfill)
    return E.left(
      validation('meta.recordedAt', 'is honoured only with --backfill (loading history)'),
    );
  const merged: Record<string, unknown> = { ...meta };
  if (merged['actor'] === undefined && defaults.actor !== undefined)
    merged['actor'] = defaults.actor;
  if (merged['role'] === undefined && defaults.role !== undefined) merged['role'] = defaults.role;
  return E.right({ command: { type: value['type'], data: value['data'] }, meta: merged });
}

/** The number of lines of a file (for a progress bar's total). */
export async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  }
  return n;
}

/**
 * `assure exec FILE|-` (normative): applies an NDJSON file of commands in order, each
 * atomically, stopping at the first failure with its 1-based line number.
 */
export async function execCommand(
  ctx: Ctx,
  file: string,
  options: { readonly backfill: boolean },
): Promise<ExitCode> {
  const fromStdin = file === '-';
  const absolute = path.resolve(ctx.io.cwd, file);
  if (!fromStdin) {
    try {
      const st = await fs.stat(absolute);
      if (!st.isFile())
        return report(ctx, emptySummary(), CliErrors.unreadable(file, 'not a file'));
    } catch (e) {
      return report(ctx, emptySummary(), CliErrors.unreadable(file, messageOf(e)));
    }
  }
  const onOpenFailure = (error: TaggedError): ExitCode => report(ctx, emptySummary(), error);
  return withStore(ctx, { onOpenFailure }, async (store) => {
    // A file's lines are counted first (only when a bar is drawn); standard input has no end to measure.
    const total = progressShown(ctx) && !fromStdin ? await countLines(absolute) : 0;
    const progress = startProgress(ctx, 'exec', total, 'commands');
    const input = fromStdin ? ctx.io.stdin : createReadStream(absolute);
    try {
      const { actor, role } = ctx.globals;
      const summary = await applyCommands(store, input, {
        backfill: options.backfill,
        defaults: ctx.globals,
        // The one running the load, when named (--actor and --role, or ASSURE_ACTOR/ROLE).
        ...(actor === undefined || role === undefined ? {} : { backfillBy: { actor, role } }),
        progress,
      });
      return report(ctx, summary, null);
    } finally {
      progress.stop();
    }
  });
}

/**
 * Reports an `exec` that failed before reading any line (a usage error in its arguments):
 * under `--json`, the summary on stdout too, with the error at line 0.
 */
export function reportExecFailure(ctx: Ctx, error: TaggedError): ExitCode {
  return report(ctx, emptySummary(), error);
}

/** Options of {@link applyCommands}. */
export interface ApplyOptions {
  /** Honour `meta.recordedAt` (and mark events `backfill`). */
  readonly backfill: boolean;
  /** Actor and role for lines that leave them out. */
  readonly defaults: { readonly actor?: string; readonly role?: string };
  /**
   * Who loads the history of a backfill (see the command handler's `backfillBy`): its role,
   * rather than each line's, must be admin or system. Default: each line's own role.
   */
  readonly backfillBy?: { readonly actor: string; readonly role: string };
  /** Told the line number as each line is read (see `startProgress`); none by default. */
  readonly progress?: Progress;
}

/** A command line parsed: the command and its meta (what {@link parseLine} gives). */
type Parsed = { command: { type: unknown; data: unknown }; meta: Record<string, unknown> };

/** A line's bytes, decoded strictly and parsed; null for a blank line. */
function decodeLine(bytes: Buffer, options: ApplyOptions): E.Either<TaggedError, Parsed | null> {
  // Decoded strictly: a byte that is not UTF-8 refuses the line (never replaced by U+FFFD).
  const raw = decodeUtf8(bytes);
  if (E.isLeft(raw)) return E.left(validation('', raw.left));
  if (raw.right.trim() === '') return E.right(null);
  return parseLine(raw.right, options.defaults, options.backfill);
}

/**
 * Applies a parsed line to a store: a `SealLedger` seals the ledger, any other command goes
 * through the domain's command handler. Gives the positions of the events written or returned.
 */
function lineApplier(
  store: EventStore,
  backfillBy: ApplyOptions['backfillBy'],
): (line: Parsed) => Promise<E.Either<TaggedError, string[]>> {
  const handler = createCommandHandler({
    store,
    model: domainModel,
    ...(backfillBy === undefined ? {} : { backfillBy }),
  });
  return ({ command, meta }) =>
    command.type === 'SealLedger' ? sealLine(store, command.data, meta) : handleLine(command, meta);

  async function handleLine(
    command: { type: unknown; data: unknown },
    meta: Record<string, unknown>,
  ): Promise<E.Either<TaggedError, string[]>> {
    const decodedMeta = decodeMeta(meta);
    if (E.isLeft(decodedMeta)) return decodedMeta;
    const r = await handler.handleUnknown(command, decodedMeta.right)();
    if (E.isLeft(r)) return E.left(r.left);
    return E.right(r.right.events.map((e) => e.position));
  }

  async function sealLine(
    target: EventStore,
    data: unknown,
    meta: Record<string, unknown>,
  ): Promise<E.Either<TaggedError, string[]>> {
    if (!isRecord(data) || Object.keys(data).length > 0)
      return E.left(
        validation('data', 'SealLedger takes no fields in a commands file: the seal is computed'),
      );
    const decodedMeta = decodeMeta(meta);
    if (E.isLeft(decodedMeta)) return decodedMeta;
    const { sealStore } = await import('./seal.js');
    const r = await sealStore(target, decodedMeta.right, backfillBy);
    return E.isLeft(r) ? r : E.right([r.right.position]);
  }
}

/**
 * Applies an NDJSON stream of commands to a store, in order, each atomically through the
 * domain's command handler (a `SealLedger` line seals the ledger), stopping at the first
 * failure. Commands before it stay applied.
 */
export async function applyCommands(
  store: EventStore,
  input: NodeJS.ReadableStream,
  options: ApplyOptions,
): Promise<ExecSummary> {
  const headBefore = await store.headPosition()();
  if (E.isLeft(headBefore))
    return {
      applied: 0,
      events: 0,
      lastPosition: null,
      failure: { line: 0, error: headBefore.left },
    };
  const before = headBefore.right;
  const apply = lineApplier(store, options.backfill ? options.backfillBy : undefined);
  const bar = options.progress;
  const lines = byteLines(input);
  let applied = 0;
  let events = 0;
  let lastPosition: string | null = null;
  let failure: ExecSummary['failure'] = null;
  let lineNo = 0;
  try {
    for await (const bytes of lines) {
      lineNo++;
      bar?.update(lineNo);
      const parsed = decodeLine(bytes, options);
      if (E.isLeft(parsed)) {
        failure = { line: lineNo, error: parsed.left };
        break;
      }
      if (parsed.right === null) continue;
      const result = await apply(parsed.right);
      if (E.isLeft(result)) {
        failure = { line: lineNo, error: withMessage(result.left) };
        break;
      }
      applied++;
      for (const p of result.right) {
        if (before === null || BigInt(p) > before) events++;
        lastPosition = p;
      }
    }
  } catch (e) {
    failure = { line: lineNo, error: CliErrors.unreadable('input', messageOf(e)) };
  } finally {
    await lines.return();
  }
  return { applied, events, lastPosition, failure };
}

function decodeMeta(meta: Record<string, unknown>): E.Either<TaggedError, CommandMeta> {
  const r = decodeCommandMeta(meta);
  if (E.isRight(r)) return r;
  const missing = (k: string) => meta[k] === undefined;
  if (missing('actor') || missing('role'))
    return E.left(
      validation(
        missing('actor') ? 'meta.actor' : 'meta.role',
        'is required (in the line, or --actor/--role, or ASSURE_ACTOR/ASSURE_ROLE)',
      ),
    );
  return E.left(r.left);
}

function emptySummary(): ExecSummary {
  return { applied: 0, events: 0, lastPosition: null, failure: null };
}

function report(ctx: Ctx, summary: ExecSummary, error: TaggedError | null): ExitCode {
  const s: ExecSummary =
    error === null ? summary : { ...summary, failure: { line: 0, error: withMessage(error) } };
  if (ctx.globals.json) printJson(ctx, s);
  else
    ctx.io.out(
      `applied ${s.applied} command${s.applied === 1 ? '' : 's'}, wrote ${s.events} event${s.events === 1 ? '' : 's'}` +
        `${s.lastPosition === null ? '' : `, last position ${s.lastPosition}`}\n`,
    );
  if (s.failure === null) return ExitCode.ok;
  const where = s.failure.line > 0 ? `line ${s.failure.line}: ` : '';
  if (!ctx.globals.json) ctx.io.err(`assure: ${where}${describeError(s.failure.error)}\n`);
  else ctx.io.err(`${JSON.stringify({ line: s.failure.line, error: s.failure.error })}\n`);
  return exitCodeOf(s.failure.error);
}
