import { once } from 'node:events';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { suiteFolder } from './fixture';
import { bearer, feedUntil, post, request, rescore } from './helpers';
import { assure, serve } from './process';

/** The built binary: `pnpm tsc -b` before this file. */
describe('assure keys and assure serve, as processes', () => {
  const folder = suiteFolder(19, 'each');

  /** `assure keys add` of a write key for the finance officer, into the keys file `keys`. */
  const addOfficerKey = (keys: string) =>
    assure(
      [
        'keys',
        'add',
        '--actor',
        'officer-cfo',
        '--role',
        'officer',
        '--scope',
        'write',
        '--keys',
        keys,
      ],
      folder().dir,
    );

  it('keys add prints a secret once; keys list shows no secret; keys add takes --actor and --role only as typed', async () => {
    const added = await addOfficerKey('k.json');
    expect(added.code).toBe(0);
    const secret = added.stdout.trim();
    expect(secret).toMatch(/^assure_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const listed = await assure(['keys', 'list', '--json', '--keys', 'k.json'], folder().dir);
    expect(listed.stdout).not.toContain(secret.slice('assure_'.length + 17));
    expect(JSON.parse(listed.stdout)).toMatchObject({
      keys: [{ actor: 'officer-cfo', role: 'officer', scope: 'write', revokedAt: null }],
    });
    const global = await assure(
      ['--actor', 'x', '--role', 'admin', 'keys', 'add', '--keys', 'k.json'],
      folder().dir,
    );
    expect(global.code).toBe(2);
    expect(global.stderr).toContain('--actor is required');
    const badRole = await assure(
      ['keys', 'add', '--actor', 'x', '--role', 'emperor', '--keys', 'k.json'],
      folder().dir,
    );
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role: expected one of');
  });

  it('refuses a file store whose log does not exist (exit 5, nothing created) unless --create', async () => {
    const keys = path.join(folder().dir, 'k.json');
    const reader = (
      await assure(
        ['keys', 'add', '--actor', 'dashboard', '--role', 'board', '--keys', keys],
        folder().dir,
      )
    ).stdout.trim();
    const missing = path.join(folder().dir, 'typo', 'events.ndjson');
    const refused = await assure(
      ['serve', '--store', `file:${missing}`, '--keys', keys, '--port', '0'],
      folder().dir,
    );
    expect(refused.code).toBe(5);
    expect(refused.stderr).toBe(
      `assure: store unavailable: no store at ${missing}: the file does not exist ` +
        '(--create starts an empty store there; check --store or ASSURE_STORE)\n',
    );
    expect(existsSync(path.dirname(missing))).toBe(false);
    const server = await serve(folder().dir, missing, keys, ['--create']);
    try {
      expect(existsSync(missing)).toBe(true);
      const status = await request(`${server.url}/v1/status`, { headers: bearer(reader) });
      expect(status.status).toBe(200);
      expect(status.json).toMatchObject({ programmes: [] });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('serves the status to a key and 401 without one; an officer rescoring a risk reaches a connected feed', async () => {
    const keys = path.join(folder().dir, 'k.json');
    const officer = (await addOfficerKey(keys)).stdout.trim();
    const server = await serve(folder().dir, folder().file, keys);
    try {
      expect((await request(`${server.url}/v1/status`)).status).toBe(401);
      const ok = await request(`${server.url}/v1/status`, { headers: bearer(officer) });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ programmes: [{ id: 'bcc' }] });
      const head = (
        await request(`${server.url}/v1/trail?limit=10000`, { headers: bearer(officer) })
      ).json as { rows: { position: string }[] };
      const last = head.rows.at(-1)?.position ?? '0';
      const frame = feedUntil(server.url, officer, last, 'event: change');
      const written = await post(server.url, officer, rescore('shown', 2));
      expect(written.status).toBe(200);
      const text = await frame;
      expect(text).toContain(`id: ${(written.json as { position: string }).position}\n`);
      expect(text).toContain('"type":"RiskRescored"');
      expect(text).toContain('"risk":["equal-pay"]');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('on SIGTERM finishes the batch in flight, closes the feed with a shutdown event, and exits 0', async () => {
    const keys = path.join(folder().dir, 'k.json');
    const officer = (await addOfficerKey(keys)).stdout.trim();
    const server = await serve(folder().dir, folder().file, keys);
    const batch = {
      commands: Array.from({ length: 300 }, (_, i) => rescore(`batch-${i}`, (i % 5) + 1)),
    };
    let feedText = '';
    const feedDone = new Promise<void>((resolve) => {
      http.get(`${server.url}/v1/feed`, { headers: bearer(officer) }, (res) => {
        res.on('data', (c: Buffer) => {
          feedText += c.toString();
          // The first event of the batch is written: the batch is in flight.
          if (
            feedText.includes('"type":"RiskRescored"') &&
            server.child.exitCode === null &&
            !signalled
          ) {
            signalled = true;
            server.child.kill('SIGTERM');
          }
        });
        res.on('end', () => resolve());
        res.on('close', () => resolve());
      });
    });
    let signalled = false;
    const response = await post(server.url, officer, batch);
    // SIGTERM came while the batch was in flight, before its response.
    const signalledInFlight = signalled;
    await feedDone;
    const code =
      server.child.exitCode ?? ((await once(server.child, 'exit')) as [number | null])[0];
    expect(code).toBe(0);
    expect(signalledInFlight).toBe(true);
    expect(response.status).toBe(200);
    expect((response.json as { results: unknown[] }).results).toHaveLength(300);
    expect(feedText).toContain('event: close\ndata: {"reason":"shutdown"');
    expect(server.stderr()).toContain('shutting down');
  });
});
