import pg from 'pg';
import { sql } from '@assure/store-postgres/testing';

/** A client on `url` whose connection errors are left to the test's queries. */
export async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

/**
 * Makes inserts into `stream` of the store at `url` (schema `schema`) wait at a gate: a
 * test-only trigger takes the advisory lock `key` in the inserting transaction, and the
 * returned client (on the database `databaseUrl`) holds it until it unlocks or ends.
 */
export async function holdInserts(
  gate: { readonly url: string; readonly schema: string; readonly stream: string },
  key: number,
  databaseUrl: string,
): Promise<pg.Client> {
  const { url, schema, stream } = gate;
  await sql(
    url,
    `CREATE FUNCTION "${schema}".gate() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN PERFORM pg_advisory_xact_lock(${key}); RETURN NEW; END $$`,
  );
  await sql(
    url,
    `CREATE TRIGGER gate BEFORE INSERT ON "${schema}".events FOR EACH ROW
       WHEN (NEW.stream = '${stream}') EXECUTE FUNCTION "${schema}".gate()`,
  );
  const client = await connect(databaseUrl);
  await client.query('SELECT pg_advisory_lock($1)', [key]);
  return client;
}
