import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/Either';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { openFileStore } from '@assure/store-file';
import { issueKeys, seededFolder, type Folder } from './fixture';
import { bearer, post, request, rescore } from './helpers';
import { serve, type Served } from './process';

const ISSUER = 'https://idp.council.example';

/** A token as a council's identity provider would issue it. */
function token(
  signer: KeyLike,
  options: { kid?: string; expires?: string | number; scope?: string; jti?: string } = {},
): Promise<string> {
  return new SignJWT({ assure_role: 'officer', scope: options.scope ?? 'assure:write' })
    .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'idp-1' })
    .setSubject('officer-idp')
    .setJti(options.jti ?? 'idp-token-1')
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(options.expires ?? '5m')
    .sign(signer);
}

describe('assure serve with --jwks URL: bearer JWTs checked against a JWKS fetched over HTTP', () => {
  let folder: Folder;
  let dir: string;
  let file: string;
  let keys: string;
  let idp: http.Server;
  let jwksUrl: string;
  let fetched = 0;
  let signer: KeyLike;
  let stranger: KeyLike;
  let served: Served;

  beforeAll(async () => {
    folder = await seededFolder(19);
    ({ dir, file, keys } = folder);
    // The keys file must exist; no key in it is used here.
    await issueKeys(keys, { unused: { actor: 'officer-cfo', role: 'officer', scope: 'read' } });

    // The identity provider: a loopback HTTP server publishing its public key as a JWKS.
    const pair = await generateKeyPair('ES256', { extractable: true });
    signer = pair.privateKey;
    stranger = (await generateKeyPair('ES256')).privateKey;
    const jwks = JSON.stringify({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' }],
    });
    idp = http.createServer((req, res) => {
      if (req.url !== '/.well-known/jwks.json') {
        res.writeHead(404).end();
        return;
      }
      fetched++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
    });
    idp.listen(0, '127.0.0.1');
    await once(idp, 'listening');
    jwksUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/.well-known/jwks.json`;

    served = await serve(dir, file, keys, ['--jwks', jwksUrl, '--jwt-issuer', ISSUER]);
  });
  afterAll(async () => {
    await served.stop();
    idp.close();
    await folder.remove();
  });

  it('accepts a token signed by the published key: reads, and writes as the token’s actor with its id on the event', async () => {
    const good = await token(signer);
    const status = await request(`${served.url}/v1/status`, { headers: bearer(good) });
    expect(status.status).toBe(200);
    expect(fetched).toBeGreaterThanOrEqual(1);

    const r = await post(served.url, good, rescore('by-idp-token', 4));
    expect(r.status).toBe(200);
    expect(await served.stop()).toBe(0);
    const opened = await openFileStore(file, { readOnly: true })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const events = [];
    for await (const e of opened.right.readStream('risk-equal-pay')) events.push(e);
    await opened.right.close();
    expect(events.at(-1)?.meta).toMatchObject({
      actor: 'officer-idp',
      role: 'officer',
      commandId: 'by-idp-token',
      credentialId: 'jwt:idp-token-1',
    });
    served = await serve(dir, file, keys, ['--jwks', jwksUrl, '--jwt-issuer', ISSUER]);
  });

  it.each([
    [
      'signed by another key under the published kid',
      () => token(stranger),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    ],
    [
      'expired',
      () => token(signer, { expires: Math.floor(Date.now() / 1000) - 60 }),
      'ERR_JWT_EXPIRED',
    ],
  ])('refuses a token %s with 401 problem+json, and writes nothing', async (_what, make, code) => {
    const bad = await make();
    const head = async () => {
      const r = await request(`${served.url}/v1/trail/risk-equal-pay`, {
        headers: bearer(await token(signer)),
      });
      return (r.json as { rows: unknown[] }).rows.length;
    };
    const before = await head();
    const read = await request(`${served.url}/v1/status`, { headers: bearer(bad) });
    expect(read.status).toBe(401);
    expect(String(read.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(read.headers['www-authenticate']).toBe('Bearer realm="assure"');
    expect(read.json).toMatchObject({
      status: 401,
      error: { _tag: 'Unauthorized' },
      detail: `authentication failed: token refused (${code})`,
    });
    const write = await post(served.url, bad, rescore(`refused-${code}`, 2));
    expect(write.status).toBe(401);
    expect(await head()).toBe(before);
  });
});
