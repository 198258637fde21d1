import type { AddCommands } from '../../context';

type Opts = Record<string, unknown>;
const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

/**
 * Adds the administration commands: demo (a fresh embedded store with the Birmingham
 * history) and migrate (a postgres:// store brought up to this release's schema).
 */
export const addAdminCommands: AddCommands = (program, ctxOf, done) => {
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
          await import('../demo.js')
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
          await import('../migrate.js')
        ).migrateCommand(ctxOf(), { createDatabase: opts['createDatabase'] === true }),
      ),
    );
};
