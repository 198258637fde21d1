import * as E from 'fp-ts/Either';
import { Command as Program, CommanderError, Option } from 'commander';
import { StoreErrors } from '@assure/event-store';
import { addAuditCommands } from './commands/audit';
import type { ReadFlags, TrailFlags } from './commands/read';
import { addKeysCommands } from './commands/keys';
import { addServeCommand } from './commands/serve';
import { addDomainCommands } from './commands/write';
import { type Ctx, type Globals, fail } from './context';
import { CliErrors, messageOf, type UsageError } from './errors';
import { ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { DEFAULT_STORE_URL } from './store/url';

type Opts = Record<string, unknown>;
const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

/**
 * Runs `assure` with the arguments after the program name and returns the exit code.
 * Never throws for bad input: every failure is printed and mapped to its exit code.
 *
 * @example
 * const code = await runCli(['status', '--json', '--store', 'memory:'], processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const done = (c: ExitCode): void => {
    code = c;
  };
  const jsonWanted = argv.includes('--json');
  const program = new Program('assure');
  const globals = (): Globals => {
    const o = program.opts<Opts>();
    const actor = str(o['actor']);
    const role = str(o['role']);
    return {
      store: str(o['store']) ?? DEFAULT_STORE_URL,
      json: o['json'] === true,
      ...(actor === undefined ? {} : { actor }),
      ...(role === undefined ? {} : { role }),
    };
  };
  const ctxOf = (): Ctx => ({ io, globals: globals() });
  let usageMessage: string | null = null;

  program
    .description(
      'Assure: event-sourced, tamper-evident tracking of a public body improving under oversight.',
    )
    .addOption(
      new Option(
        '--store <url>',
        'event store: memory:, file:PATH, esdb://..., esdb+discover://..., postgres://...',
      )
        .env('ASSURE_STORE')
        .default(DEFAULT_STORE_URL),
    )
    .addOption(
      new Option('--actor <id>', 'who issues commands (pseudonymous id)').env('ASSURE_ACTOR'),
    )
    .addOption(
      new Option(
        '--role <role>',
        'the role they act in (admin, officer, board, auditor, adviser, system)',
      ).env('ASSURE_ROLE'),
    )
    .option('--json', 'machine output on stdout (errors as JSON on stderr)')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s) => {
        usageMessage = s.replace(/^error: /, '').trim();
      },
    });

  addDomainCommands(program, ctxOf, done);

  // A usage error in exec's own arguments is reported with exec's summary (see the catch below).
  let execUsageFailed = false;
  program
    .command('exec')
    .description('apply an NDJSON file of commands (- for standard input), one a line, in order')
    .argument('<file>', 'NDJSON file, or - for stdin')
    .option('--backfill', 'loading history: honour meta.recordedAt (events carry meta.backfill)')
    .exitOverride((e) => {
      execUsageFailed = e.exitCode !== 0 && !e.code.startsWith('commander.help');
      throw e;
    })
    .action(async (file: string, opts: Opts) =>
      done(
        await (
          await import('./commands/exec.js')
        ).execCommand(ctxOf(), file, {
          backfill: opts['backfill'] === true,
        }),
      ),
    );

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

  readOptions(
    program.command('status').description('improvement status per programme and priority area'),
  )
    .option(
      '--policy <name>',
      'RAG policy: bcc-cgip@2 (default), percent-complete@2, slippage@2, or an @1 version',
    )
    .action(async (opts: Opts) =>
      done(
        await (await import('./commands/read.js')).readCommand(ctxOf(), 'status', readFlags(opts)),
      ),
    );
  readOptions(program.command('tracker').description('the recommendation tracker'))
    .option('--csv', 'CSV on stdout (formula-looking cells neutralised)')
    .option('--xlsx <file>', 'write an XLSX workbook (formula-looking cells neutralised)')
    .option('--policy <name>', "RAG policy of each row's own RAG (default bcc-cgip@2)")
    .action(async (opts: Opts) =>
      done(
        await (await import('./commands/read.js')).readCommand(ctxOf(), 'tracker', readFlags(opts)),
      ),
    );
  readOptions(
    program.command('risks').description('the risk register and its 5x5 heat map'),
  ).action(async (opts: Opts) =>
    done(await (await import('./commands/read.js')).readCommand(ctxOf(), 'risks', readFlags(opts))),
  );
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
      done(await (await import('./commands/read.js')).trailCommand(ctxOf(), flags));
    });

  addAuditCommands(program, ctxOf, done);
  addKeysCommands(program, ctxOf, done, argv);
  addServeCommand(program, ctxOf, done);

  program
    .command('demo')
    .description(
      'load the Birmingham example (2014-2019) into a fresh embedded store and print its status',
    )
    .option('--dir <dir>', 'where the demo store goes (default .assure/demo)')
    .option('--as-at <day>', 'the day of the status printed (default 2019-10-31)')
    .action(async (opts: Opts) => {
      const dir = str(opts['dir']);
      const asAt = str(opts['asAt']);
      done(
        await (
          await import('./commands/demo.js')
        ).demoCommand(ctxOf(), {
          ...(dir === undefined ? {} : { dir }),
          ...(asAt === undefined ? {} : { asAt }),
        }),
      );
    });

  program
    .command('migrate')
    .description("bring a postgres:// store up to this release's schema (idempotent)")
    .option('--create-database', 'create the database first when it does not exist')
    .action(async (opts: Opts) =>
      done(
        await (
          await import('./commands/migrate.js')
        ).migrateCommand(ctxOf(), { createDatabase: opts['createDatabase'] === true }),
      ),
    );

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.exitCode === 0 ||
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version'
      )
        return ExitCode.ok;
      const message = usageMessage ?? e.message.replace(/^error: /, '');
      const ctx: Ctx = { io, globals: { store: DEFAULT_STORE_URL, json: jsonWanted } };
      if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync')
        return ExitCode.usage;
      const usage = CliErrors.usage(message.split('\n')[0] ?? message);
      if (execUsageFailed && jsonWanted)
        return (await import('./commands/exec.js')).reportExecFailure(ctx, usage);
      return fail(ctx, usage);
    }
    const ctx: Ctx = { io, globals: { store: DEFAULT_STORE_URL, json: jsonWanted } };
    fail(ctx, StoreErrors.unavailable(`unexpected failure: ${messageOf(e)}`));
    return ExitCode.storeUnavailable;
  }
}

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
