import * as E from 'fp-ts/Either';
import type { Command as Program } from 'commander';
import { fail, type AddCommandsWithArgv } from '../../context';
import { CliErrors, type UsageError } from '../../errors';
import type { ReadFlags, TrailFlags } from '../read';

type Opts = Record<string, unknown>;
const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

const readOptions = (cmd: Program): Program =>
  cmd
    .option('--as-at <day>', 'valid time: the picture on this day (default today, UTC)')
    .option('--known-at <instant>', 'transaction time: only what was recorded by then')
    .option('--no-snapshot', 'replay from the log, ignoring the read-model snapshot')
    .option('--from-export <file>', 'read an export file (verified first) instead of the store')
    .option('--root <hex>', 'with --from-export: the witnessed Merkle root to verify against')
    .option('--size <n>', 'with --from-export: the witnessed tree size');

const readFlags = (opts: Opts): ReadFlags => {
  const asAt = str(opts['asAt']);
  const knownAt = str(opts['knownAt']);
  const policy = str(opts['policy']);
  const text = (name: string): Record<string, string> => {
    const v = str(opts[name]);
    return v === undefined ? {} : { [name]: v };
  };
  return {
    ...text('fromExport'),
    ...text('root'),
    ...text('size'),
    ...text('xlsx'),
    ...(opts['csv'] === true ? { csv: true } : {}),
    ...(asAt === undefined ? {} : { asAt }),
    ...(knownAt === undefined ? {} : { knownAt }),
    ...(policy === undefined ? {} : { policy }),
    snapshot: opts['snapshot'] !== false,
  };
};

/** Adds the read commands: status, tracker, risks (the read models) and trail. */
export const addReadCommands: AddCommandsWithArgv = (program, ctxOf, done, argv) => {
  readOptions(
    program.command('status').description('improvement status per programme and priority area'),
  )
    .option(
      '--policy <name>',
      'RAG policy: bcc-cgip@2 (default), percent-complete@2, slippage@2, or an @1 version',
    )
    .action(async (opts: Opts) =>
      done(await (await import('../read.js')).readCommand(ctxOf(), 'status', readFlags(opts))),
    );
  readOptions(program.command('tracker').description('the recommendation tracker'))
    .option('--csv', 'CSV on stdout (formula-looking cells neutralised)')
    .option('--xlsx <file>', 'write an XLSX workbook (formula-looking cells neutralised)')
    .option('--policy <name>', "RAG policy of each row's own RAG (default bcc-cgip@2)")
    .action(async (opts: Opts) =>
      done(await (await import('../read.js')).readCommand(ctxOf(), 'tracker', readFlags(opts))),
    );
  readOptions(
    program.command('risks').description('the risk register and its 5x5 heat map'),
  ).action(async (opts: Opts) =>
    done(await (await import('../read.js')).readCommand(ctxOf(), 'risks', readFlags(opts))),
  );
  readOptions(
    program
      .command('stocktakes')
      .description('stocktakes, the latest judgement per criterion and its trend, phases, outputs'),
  ).action(async (opts: Opts) =>
    done(await (await import('../read.js')).readCommand(ctxOf(), 'stocktakes', readFlags(opts))),
  );
  addTrailCommand(program, ctxOf, done, argv);
};

const addTrailCommand: AddCommandsWithArgv = (program, ctxOf, done, argv) => {
  readOptions(program.command('trail').description('the audit trail: one row per event'))
    .option('--stream <name>', 'only this stream (e.g. risk-equal-pay)')
    .option('--by-actor <id>', 'only events issued by this actor')
    .option('--from <day>', 'first day (valid time), inclusive')
    .option('--to <day>', 'last day (valid time), inclusive')
    .option('--csv', 'CSV on stdout (formula-looking cells neutralised)')
    .option('--xlsx <file>', 'write an XLSX workbook (formula-looking cells neutralised)')
    .addHelpText(
      'after',
      '\nFilter by actor with --by-actor A. For compatibility, --actor A typed after `trail` filters too;\n' +
        'the global --actor (before `trail`) and ASSURE_ACTOR never filter.',
    )
    .action(async (opts: Opts) => {
      const filter = trailActorFilter(argv, str(opts['byActor']));
      if (E.isLeft(filter)) return done(fail(ctxOf(), filter.left));
      const actor = filter.right;
      const stream = str(opts['stream']);
      const from = str(opts['from']);
      const to = str(opts['to']);
      const flags: TrailFlags = {
        ...readFlags(opts),
        ...(stream === undefined ? {} : { stream }),
        ...(actor === undefined ? {} : { actor }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      };
      done(await (await import('../read.js')).trailCommand(ctxOf(), flags));
    });
};

/** Options taking a value, whose value must not be read as an option name. */
const VALUE_OPTIONS = new Set([
  '--store',
  '--actor',
  '--role',
  '--stream',
  '--by-actor',
  '--from',
  '--to',
  '--as-at',
  '--known-at',
  '--policy',
  '--from-export',
  '--root',
  '--size',
  '--xlsx',
  '--keys',
  '--scope',
  '--port',
  '--host',
]);

/**
 * The actor `assure trail` filters on: `--by-actor A`, or (kept for compatibility) an
 * `--actor A` typed after the word `trail`. Commander reads every `--actor` as the global
 * option wherever it stands, so the position is found here in the raw arguments: a global
 * `--actor` before `trail` (or from ASSURE_ACTOR) never filters. Both given and different
 * is a usage error.
 *
 * @example
 * trailActorFilter(['trail', '--actor', 'auditor-gt'], undefined); // right 'auditor-gt'
 * trailActorFilter(['--actor', 'auditor-gt', 'trail'], undefined); // right undefined
 */
export function trailActorFilter(
  argv: readonly string[],
  byActor: string | undefined,
): E.Either<UsageError, string | undefined> {
  let i = 0;
  while (i < argv.length && argv[i] !== 'trail') {
    if (argv[i] === '--') return E.right(byActor);
    i += VALUE_OPTIONS.has(argv[i] ?? '') ? 2 : 1;
  }
  let actor: string | undefined;
  for (let j = i + 1; j < argv.length; j++) {
    const arg = argv[j] ?? '';
    if (arg === '--') break;
    if (arg === '--actor') actor = argv[j + 1];
    else if (arg.startsWith('--actor=')) actor = arg.slice('--actor='.length);
    if (VALUE_OPTIONS.has(arg)) j++;
  }
  if (actor !== undefined && byActor !== undefined && actor !== byActor)
    return E.left(
      CliErrors.usage(
        `trail: --by-actor ${JSON.stringify(byActor)} and --actor ${JSON.stringify(actor)} disagree (use --by-actor)`,
      ),
    );
  return E.right(byActor ?? actor);
}
