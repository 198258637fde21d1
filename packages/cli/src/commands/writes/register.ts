import type { Command as Program } from 'commander';
import type { Ctx } from '../../context';
import type { ExitCode } from '../../exit-codes';
import { addDomainCommands } from '../write';

type Opts = Record<string, unknown>;

/**
 * Adds the write commands: `assure <noun> <verb>` for every domain command, and `exec`.
 * Answers whether a usage error was in exec's own arguments (reported with exec's summary).
 */
export function addWriteCommands(
  program: Program,
  ctxOf: () => Ctx,
  done: (code: ExitCode) => void,
): { readonly execUsageFailed: () => boolean } {
  addDomainCommands(program, ctxOf, done);
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
          await import('../exec.js')
        ).execCommand(ctxOf(), file, {
          backfill: opts['backfill'] === true,
        }),
      ),
    );
  return { execUsageFailed: () => execUsageFailed };
}
