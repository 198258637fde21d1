import { Command as Program, CommanderError, Option } from 'commander';
import { StoreErrors } from '@assure/event-store';
import { addAdminCommands } from './commands/admin/register';
import { addAuditCommands } from './commands/audit';
import { addKeysCommands } from './commands/keys';
import { addProjectCommand } from './commands/project';
import { addReadCommands } from './commands/reads/register';
import { addServeCommand } from './commands/serve';
import { addWriteCommands } from './commands/writes/register';
import { type Ctx, type Globals, fail } from './context';
import { CliErrors, messageOf } from './errors';
import { ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { DEFAULT_STORE_URL } from './store/url';

export { trailActorFilter } from './commands/reads/register';

type Opts = Record<string, unknown>;
const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

/**
 * Runs `assure` with the arguments after the program name and returns the exit code.
 * Never throws for bad input: every failure is printed and mapped to its exit code.
 * The commands come in groups, each registered by its own module: writes (the domain
 * commands and exec), reads (status, tracker, risks, trail), audit (verify, seal) and
 * admin (demo).
 *
 * @example
 * const code = await runCli(['status', '--json', '--store', 'memory:'], processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const done = (c: ExitCode): void => {
    code = c;
  };
  let usageMessage: string | null = null;
  const program = createProgram(io, (message) => {
    usageMessage = message;
  });
  const ctxOf = (): Ctx => ({ io, globals: globalsOf(program) });

  const writes = addWriteCommands(program, ctxOf, done);
  addReadCommands(program, ctxOf, done, argv);
  addAuditCommands(program, ctxOf, done);
  addAdminCommands(program, ctxOf, done);
  addKeysCommands(program, ctxOf, done, argv);
  addServeCommand(program, ctxOf, done);
  addProjectCommand(program, ctxOf, done);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    const jsonWanted = argv.includes('--json');
    const ctx: Ctx = { io, globals: { store: DEFAULT_STORE_URL, json: jsonWanted } };
    if (e instanceof CommanderError)
      return usageFailure(ctx, e, usageMessage, writes.execUsageFailed() && jsonWanted);
    fail(ctx, StoreErrors.unavailable(`unexpected failure: ${messageOf(e)}`));
    return ExitCode.storeUnavailable;
  }
}

/** The program with its global options; commander's usage errors go to `onUsage`. */
function createProgram(io: CliIo, onUsage: (message: string) => void): Program {
  return new Program('assure')
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
      outputError: (s) => onUsage(s.replace(/^error: /, '').trim()),
    });
}

/** The global options as parsed. */
function globalsOf(program: Program): Globals {
  const o = program.opts<Opts>();
  const actor = str(o['actor']);
  const role = str(o['role']);
  return {
    store: str(o['store']) ?? DEFAULT_STORE_URL,
    json: o['json'] === true,
    ...(actor === undefined ? {} : { actor }),
    ...(role === undefined ? {} : { role }),
  };
}

/** The exit code of a commander error: help and version are ok; the rest are usage errors. */
async function usageFailure(
  ctx: Ctx,
  e: CommanderError,
  usageMessage: string | null,
  asExecSummary: boolean,
): Promise<ExitCode> {
  if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version')
    return ExitCode.ok;
  if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync')
    return ExitCode.usage;
  const message = usageMessage ?? e.message.replace(/^error: /, '');
  const usage = CliErrors.usage(message.split('\n')[0] ?? message);
  if (asExecSummary) return (await import('./commands/exec.js')).reportExecFailure(ctx, usage);
  return fail(ctx, usage);
}
