import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { listKeys, readKeysFile, revokeKey } from '@assure/server';
import { OFFICER, startSeeded, type Issued, type SeededServer } from './fixture';
import { bearer, expectCliValid, key, post, request, rescore } from './helpers';

describe('authentication and authorization over HTTP', () => {
  let keys: string;
  let running: SeededServer<'officer' | 'reader' | 'board'>;
  let officer: Issued;
  let reader: Issued;
  let board: Issued;
  let signer: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    running = await startSeeded({
      contents: 19,
      holders: {
        officer: OFFICER,
        reader: { ...OFFICER, scope: 'read' },
        board: { actor: 'board-chair', role: 'board', scope: 'write' },
      },
      options: async (folder) => {
        const pair = await generateKeyPair('ES256', { extractable: true });
        signer = pair.privateKey;
        const jwks = path.join(folder.dir, 'jwks.json');
        const published = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
        await fs.writeFile(jwks, JSON.stringify({ keys: [published] }));
        return { jwt: { jwks, issuer: 'https://idp.example' } };
      },
    });
    keys = running.folder.keys;
    ({ officer, reader, board } = running.issued);
  });
  afterAll(() => running.stop());

  it('keeps only a hash of each secret in the keys file', async () => {
    const text = await fs.readFile(keys, 'utf8');
    expect(text).not.toContain(officer.secret);
    expect(text).not.toContain(officer.secret.slice('assure_'.length + 17));
    const doc = await readKeysFile(keys, false);
    expect(E.isRight(doc) && doc.right.keys.map((k) => k.id)).toEqual([
      officer.id,
      reader.id,
      board.id,
    ]);
    expect((await fs.stat(keys)).mode & 0o777).toBe(0o600);
  });

  it('answers 401 with a problem and a WWW-Authenticate challenge without a credential', async () => {
    const r = await request(`${running.url}/v1/status`);
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.headers['www-authenticate']).toBe('Bearer realm="assure"');
    expect(r.json).toMatchObject({ status: 401, error: { _tag: 'Unauthorized' } });
    // The GET's HEAD route and an item route are authenticated too.
    expect((await request(`${running.url}/v1/status`, { method: 'HEAD' })).status).toBe(401);
    expect((await request(`${running.url}/v1/trail/risk-x`)).status).toBe(401);
  });

  it('refuses a wrong secret of a real key id with 401, and logs the key id, never the secret', async () => {
    // The key's real secret verified first: the forged one must not pass as it.
    expect(
      (await request(`${running.url}/v1/status`, { headers: bearer(officer.secret) })).status,
    ).toBe(200);
    const forged = `assure_${officer.id}_${'A'.repeat(43)}`;
    const r = await request(`${running.url}/v1/status`, { headers: bearer(forged) });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ detail: 'authentication failed: wrong secret' });
    const logged = running.logs.join('');
    expect(logged).toContain(`"keyId":"${officer.id}"`);
    expect(logged).toContain('"reason":"wrong secret"');
    expect(logged).not.toContain('A'.repeat(43));
    expect(logged).not.toContain(officer.secret);
  });

  it('lets a read key read and refuses it a write with 403 ScopeForbidden, writing nothing', async () => {
    const before = await running.store.headPosition()();
    expect(
      (await request(`${running.url}/v1/status`, { headers: bearer(reader.secret) })).status,
    ).toBe(200);
    const r = await post(running.url, reader.secret, rescore('read-scope'));
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: { _tag: 'ScopeForbidden' } });
    expect(await running.store.headPosition()()).toEqual(before);
  });

  it("refuses a command the key's role may not issue with 403 Forbidden", async () => {
    const r = await post(running.url, board.secret, rescore('board-rescore'));
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: { _tag: 'Forbidden', role: 'board' } });
  });

  it("stamps the credential's actor, role and key id on the event, whatever the body says", async () => {
    const spoof = {
      ...rescore('spoof'),
      meta: { commandId: 'spoof', actor: 'admin-x', role: 'admin' },
    };
    const refused = await post(running.url, officer.secret, spoof);
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({
      error: {
        _tag: 'ValidationFailed',
        errors: [
          { path: 'meta.actor', message: 'is taken from the credential, never from the request' },
        ],
      },
    });
    const r = await post(running.url, officer.secret, rescore('stamped'));
    expect(r.status).toBe(200);
    await expectCliValid('command-result', r.json);
    const events = [];
    for await (const e of running.store.readStream('risk-equal-pay')) events.push(e);
    const last = events[events.length - 1];
    expect(last?.meta).toMatchObject({
      actor: 'officer-cfo',
      role: 'officer',
      commandId: 'stamped',
      credentialId: `key:${officer.id}`,
    });
    await expectCliValid('envelope', last);
  });

  it('refuses a key revoked while the server runs, from the next request', async () => {
    const extra = await key(keys, 'officer-cfo', 'officer', 'read');
    expect(
      (await request(`${running.url}/v1/risks`, { headers: bearer(extra.secret) })).status,
    ).toBe(200);
    const revoked = await revokeKey(keys, extra.id, new Date());
    expect(E.isRight(revoked)).toBe(true);
    const r = await request(`${running.url}/v1/risks`, { headers: bearer(extra.secret) });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ detail: 'authentication failed: revoked key' });
    const listed = await listKeys(keys);
    expect(E.isRight(listed) && listed.right.find((k) => k.id === extra.id)?.revokedAt).toEqual(
      expect.any(String),
    );
  });

  it('accepts a bearer JWT from the JWKS, mapping sub and assure_role, and refuses a wrong issuer', async () => {
    const token = (iss: string, scope: string) =>
      new SignJWT({ assure_role: 'officer', scope })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('officer-jwt')
        .setJti('token-1')
        .setIssuer(iss)
        .setExpirationTime('5m')
        .sign(signer);
    const good = await token('https://idp.example', 'assure:write');
    const r = await post(running.url, good, rescore('by-jwt', 4));
    expect(r.status).toBe(200);
    const events = [];
    for await (const e of running.store.readStream('risk-equal-pay')) events.push(e);
    expect(events[events.length - 1]?.meta).toMatchObject({
      actor: 'officer-jwt',
      credentialId: 'jwt:token-1',
    });
    const readOnly = await token('https://idp.example', 'openid');
    expect((await post(running.url, readOnly, rescore('jwt-read'))).status).toBe(403);
    const foreign = await token('https://other.example', 'assure:write');
    const refused = await request(`${running.url}/v1/status`, { headers: bearer(foreign) });
    expect(refused.status).toBe(401);
  });

  it('leaves the health, readiness and OpenAPI routes public', async () => {
    expect((await request(`${running.url}/healthz`)).status).toBe(200);
    expect((await request(`${running.url}/readyz`)).json).toMatchObject({ status: 'ready' });
    expect((await request(`${running.url}/v1/openapi.json`)).status).toBe(200);
  });
});
