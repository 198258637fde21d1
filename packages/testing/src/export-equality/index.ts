import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { domainModel } from '@assure/domain';
import { CommandMeta, createCommandHandler, type EventStore } from '@assure/event-store';
import { jestGlobals } from '../contract/suite';

/** One line of a command file (`examples/birmingham/commands.ndjson`): a command and its meta. */
export const CommandLine = t.type({ type: t.string, data: t.unknown, meta: CommandMeta });
export type CommandLine = t.TypeOf<typeof CommandLine>;

/**
 * The commands of an NDJSON command file, each line checked against {@link CommandLine}
 * (a line that does not decode throws, naming its number).
 */
export function readCommandFile(file: string): CommandLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, n }) => {
      const decoded = CommandLine.decode(JSON.parse(line));
      if (E.isLeft(decoded)) throw new Error(`${file}:${n} is not a command line`);
      return decoded.right;
    });
}

/** Writes the whole log of `store` to `sink` (as `exportLog` of `@assure/audit`). */
export type LogExporter = (
  store: EventStore,
  sink: NodeJS.WritableStream,
) => TE.TaskEither<{ readonly message: string }, unknown>;

/** What {@link replayAndExport} saw: each command's outcome and the export's lines. */
export interface ReplayedExport {
  /** `ok <events>` or `refused <tag>`, one per command. */
  readonly outcomes: readonly string[];
  /** The export: the header line, then one envelope a line. */
  readonly lines: readonly string[];
}

/** Deterministic UUID-shaped event ids, as the handler's default randomUUID would give. */
function uuids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

/**
 * Runs `commands` through a command handler of `domainModel` over `store` (deterministic
 * ids and clock; history loaded by the system, each command keeping its issuer's role),
 * then exports the log with `exportLog`. Seals are left out: a seal's data names a global
 * position, which by design differs between stores.
 */
export async function replayAndExport(
  store: EventStore,
  commands: readonly CommandLine[],
  exportLog: LogExporter,
): Promise<ReplayedExport> {
  const handler = createCommandHandler({
    store,
    model: domainModel,
    ids: uuids(),
    clock: () => new Date('2019-11-01T00:00:00.000Z'),
    backfillBy: { actor: 'loader-bcc', role: 'system' },
  });
  const outcomes: string[] = [];
  for (const c of commands.filter((l) => l.type !== 'SealLedger')) {
    const r = await handler.handleUnknown({ type: c.type, data: c.data }, c.meta)();
    outcomes.push(E.isLeft(r) ? `refused ${r.left._tag}` : `ok ${r.right.events.length}`);
  }
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (b: Buffer) => chunks.push(b));
  const exported = await exportLog(store, sink)();
  if (E.isLeft(exported)) throw new Error(exported.left.message);
  sink.end();
  return { outcomes, lines: Buffer.concat(chunks).toString('utf8').trimEnd().split('\n') };
}

/**
 * Asserts that two stores exported the same journey: the same outcomes (more than
 * `minAccepted` accepted), the same lines but for the header's `exportedAt` and each
 * envelope's `position` (present on both sides), and that the positions really differ
 * on line `differingLine`.
 */
export function expectSameExport(
  reference: ReplayedExport,
  other: ReplayedExport,
  { differingLine, minAccepted }: { readonly differingLine: number; readonly minAccepted: number },
): void {
  const { expect } = jestGlobals();
  /** Drops `exportedAt` from the header and `position` from every envelope line. */
  const comparable = (lines: readonly string[]): unknown[] =>
    lines.map((l, i) => {
      const parsed = t.UnknownRecord.decode(JSON.parse(l));
      if (E.isLeft(parsed)) throw new Error(`export line ${i + 1} is not a JSON object`);
      const { position: _p, exportedAt: _x, ...rest } = parsed.right;
      if (i === 0) expect(_x).toEqual(expect.any(String));
      else expect(_p).toEqual(expect.any(String));
      return rest;
    });
  expect(other.outcomes).toEqual(reference.outcomes);
  expect(reference.outcomes.filter((o) => o.startsWith('ok')).length).toBeGreaterThan(minAccepted);
  expect(other.lines).toHaveLength(reference.lines.length);
  expect(comparable(other.lines)).toEqual(comparable(reference.lines));
  expect(other.lines[differingLine]).not.toEqual(reference.lines[differingLine]);
}
