// The module object itself (not a namespace copy), so a spy on it sees the keys module's calls.
import crypto from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { KeyVerifier, revokeKey } from '@assure/server';
import { key, tempDir } from './helpers';

/** Resolves after the current turn of the event loop (its check phase). */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('API keys are checked with scrypt once, not per request', () => {
  let dir: string;
  let keys: string;

  beforeEach(async () => {
    dir = await tempDir();
    keys = path.join(dir, 'keys.json');
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('runs one scrypt for many requests with one secret, concurrent or later, and one for a wrong secret presented again', async () => {
    const officer = await key(keys, 'officer-cfo', 'officer', 'write');
    const verifier = new KeyVerifier(keys);
    expect(E.isRight(await verifier.refresh())).toBe(true);
    // A spy that calls the real scrypt: it only counts.
    const scrypt = jest.spyOn(crypto, 'scrypt');

    const first = await Promise.all(
      Array.from({ length: 20 }, () => verifier.verify(officer.secret)),
    );
    for (const r of first)
      expect(r).toEqual(
        E.right({
          actor: 'officer-cfo',
          role: 'officer',
          scope: 'write',
          credentialId: `key:${officer.id}`,
        }),
      );
    expect(scrypt).toHaveBeenCalledTimes(1);
    await nextTurn();
    expect(E.isRight(await verifier.verify(officer.secret))).toBe(true);
    expect(scrypt).toHaveBeenCalledTimes(1);

    // The same id with another secret: refused, and refused again without a second scrypt.
    const wrong = `${officer.secret.slice(0, -4)}AAAA`;
    expect(await verifier.verify(wrong)).toEqual(
      E.left({ reason: 'wrong secret', keyId: officer.id }),
    );
    expect(await verifier.verify(wrong)).toEqual(
      E.left({ reason: 'wrong secret', keyId: officer.id }),
    );
    expect(scrypt).toHaveBeenCalledTimes(2);
  });

  it('knows a verified secret at once, by a constant-time comparison, and nothing else', async () => {
    const officer = await key(keys, 'officer-cfo', 'officer', 'read');
    const verifier = new KeyVerifier(keys);
    expect(verifier.known(officer.secret)).toBeUndefined();
    const verified = await verifier.verify(officer.secret);
    expect(E.isRight(verified)).toBe(true);
    const scrypt = jest.spyOn(crypto, 'scrypt');
    expect(E.right(verifier.known(officer.secret))).toEqual(verified);
    // The same id with another secret, a prefix, or a longer one: not known (verify decides).
    expect(verifier.known(`${officer.secret.slice(0, -4)}AAAA`)).toBeUndefined();
    expect(verifier.known(officer.secret.slice(0, -1))).toBeUndefined();
    expect(verifier.known(`${officer.secret}A`)).toBeUndefined();
    expect(scrypt).not.toHaveBeenCalled();
  });

  it('forgets what it remembered when the keys file changes: a key revoked is refused from the next turn', async () => {
    const officer = await key(keys, 'officer-cfo', 'officer', 'write');
    const verifier = new KeyVerifier(keys);
    expect(E.isRight(await verifier.verify(officer.secret))).toBe(true);
    expect(E.isRight(await revokeKey(keys, officer.id, new Date()))).toBe(true);
    await nextTurn();
    expect(verifier.known(officer.secret)).toBeUndefined();
    expect(await verifier.verify(officer.secret)).toEqual(
      E.left({ reason: 'revoked key', keyId: officer.id }),
    );
    expect(verifier.known(officer.secret)).toBeUndefined();
  });
});
