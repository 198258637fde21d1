import * as E from 'fp-ts/Either';
import { type Ctx, fail, printJson } from '../context';
import { CliErrors } from '../errors';
import { ExitCode } from '../exit-codes';
import { parseStoreUrl } from '../store/url';

/**
 * `assure migrate`: brings the PostgreSQL store named by `--store` up to this release's
 * schema version (idempotent; concurrent runs apply each migration once). With
 * `--create-database`, first creates the database when it does not exist. Other stores
 * have no schema: a usage error.
 */
export async function migrateCommand(
  ctx: Ctx,
  flags: { readonly createDatabase: boolean },
): Promise<ExitCode> {
  const location = parseStoreUrl(ctx.globals.store, ctx.io.cwd);
  if (E.isLeft(location)) return fail(ctx, location.left);
  if (location.right._tag !== 'postgres')
    return fail(
      ctx,
      CliErrors.usage(
        `migrate: only a postgres:// store has a schema to migrate (--store is ${location.right._tag}:)`,
      ),
    );
  const pgStore = await import('@assure/store-postgres');
  const url = location.right.url;
  let created = false;
  if (flags.createDatabase) {
    const made = await pgStore.ensureDatabase(url)();
    if (E.isLeft(made)) return fail(ctx, made.left);
    created = made.right;
  }
  const r = await pgStore.migratePostgres(url)();
  if (E.isLeft(r)) return fail(ctx, r.left);
  const { schema, applied, version } = r.right;
  if (ctx.globals.json) {
    printJson(ctx, {
      schema,
      databaseCreated: created,
      applied: applied.map((m) => ({ version: m.version, name: m.name })),
      version,
    });
    return ExitCode.ok;
  }
  if (created) ctx.io.out(`created the database\n`);
  ctx.io.out(
    applied.length === 0
      ? `schema ${schema} is up to date (version ${version})\n`
      : `schema ${schema}: applied ${applied
          .map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`)
          .join(', ')}; now at version ${version}\n`,
  );
  return ExitCode.ok;
}
