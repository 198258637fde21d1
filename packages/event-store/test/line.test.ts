import * as E from 'fp-ts/Either';
import {
  chainEvent,
  chainLinkProblem,
  ChainTracker,
  ENVELOPE_FIELDS,
  GENESIS_HASH,
  HASHED_FIELDS,
  hashedPart,
  parseEnvelopeLine,
  serializeEnvelope,
  type Envelope,
} from '@assure/event-store';

/** A stream of three chained events of the Birmingham story, positioned 0, 1, 2. */
function chain(): Envelope[] {
  const out: Envelope[] = [];
  let prev = GENESIS_HASH;
  for (let revision = 0; revision < 3; revision++) {
    const e = chainEvent(
      'risk-equal-pay',
      revision,
      prev,
      {
        eventId: `evt-${revision}`,
        type: 'RiskRescored',
        schemaVersion: 1,
        data: { riskId: 'equal-pay', likelihood: 3 + revision, impact: 5 },
        meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' },
      },
      '2019-03-20T10:15:02.311Z',
    );
    out.push({ position: String(revision), ...e });
    prev = e.hash;
  }
  return out;
}

describe('the envelope line codec', () => {
  it('writes the fields in the normative order and reads its own lines back', () => {
    for (const e of chain()) {
      const line = serializeEnvelope(e);
      expect(Object.keys(JSON.parse(line) as object)).toEqual([...ENVELOPE_FIELDS]);
      expect(parseEnvelopeLine(line)).toEqual(E.right(e));
    }
    expect(ENVELOPE_FIELDS.join(' ')).toBe(
      'position stream revision eventId type schemaVersion data meta prevHash hash',
    );
    expect(HASHED_FIELDS).toEqual(ENVELOPE_FIELDS.filter((f) => f !== 'position' && f !== 'hash'));
    const e = chain()[0] as Envelope;
    expect(Object.keys(hashedPart(e))).toEqual(HASHED_FIELDS);
  });

  it('says why a line is not an envelope: not JSON, or the field the codec rejects', () => {
    const notJson = parseEnvelopeLine('{"position":"0",');
    expect(E.isLeft(notJson) && notJson.left._tag).toBe('NotJson');
    expect(E.isLeft(notJson) && notJson.left.message).toMatch(/^the line is not valid JSON \(/);

    const e = chain()[0] as Envelope;
    const bad = parseEnvelopeLine(serializeEnvelope({ ...e, revision: -1 }));
    expect(E.isLeft(bad) && bad.left._tag).toBe('NotEnvelope');
    expect(E.isLeft(bad) && bad.left.message).toMatch(
      /^the line fails the Envelope codec: revision: /,
    );

    const extra = parseEnvelopeLine(JSON.stringify({ ...e, extra: 1 }));
    expect(E.isLeft(extra) && extra.left.message).toContain('extra');
  });

  it('checks a chain link: revision, prevHash, then the content hash, with their reasons', () => {
    const [a, b, c] = chain() as [Envelope, Envelope, Envelope];
    const headA = { revision: a.revision, hash: a.hash };
    expect(chainLinkProblem(undefined, a)).toBeUndefined();
    expect(chainLinkProblem(headA, b)).toBeUndefined();
    expect(chainLinkProblem(headA, c)).toBe('revision-gap: expected revision 1, found 2');
    expect(chainLinkProblem(undefined, b)).toBe('revision-gap: expected revision 0, found 1');
    expect(chainLinkProblem({ revision: 0, hash: c.hash }, b)).toBe(
      `chain-broken: prevHash ${a.hash} is not the previous hash ${c.hash}`,
    );
    const edited = { ...b, data: { ...b.data, likelihood: 1 } };
    expect(chainLinkProblem(headA, edited)).toMatch(
      new RegExp(`^hash-mismatch: stored ${b.hash}, computed [0-9a-f]{64}$`),
    );
    const tracker = new ChainTracker();
    expect(tracker.check(a)).toBeUndefined();
    expect(tracker.check(edited)?._tag).toBe('Tampered');
  });
});
