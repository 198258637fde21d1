import * as E from 'fp-ts/Either';
import {
  chainLinkProblem,
  createMemoryStore,
  hasBatchReader,
  hasHeadConditionalAppend,
  parseEnvelopeLine,
  serializeEnvelope,
  type ChainHead,
  type EventStore,
} from '@assure/event-store';

/** Writes a log as lines, edits one, then reads them back through the line codec. */
export async function linesOfTheLog() {
  const store: EventStore = createMemoryStore();
  const rescore = (eventId: string, likelihood: number) => ({
    eventId,
    type: 'RiskRescored',
    schemaVersion: 1,
    data: { riskId: 'equal-pay', likelihood, impact: 5 },
    meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' },
  });
  const r = await store.append('risk-equal-pay', [rescore('e1', 4), rescore('e2', 3)], 'any')();
  if (E.isLeft(r)) throw new Error(r.left.message);

  const lines: string[] = [];
  for await (const e of store.readAll()) lines.push(serializeEnvelope(e));
  lines[1] = (lines[1] ?? '').replace('"likelihood":3', '"likelihood":2'); // a hand edit
  lines.push('{"position":"2",'); // a torn line

  const heads = new Map<string, ChainHead>();
  const problems: string[] = [];
  for (const line of lines) {
    const parsed = parseEnvelopeLine(line);
    if (E.isLeft(parsed)) {
      problems.push(parsed.left._tag);
      continue;
    }
    const e = parsed.right;
    const problem = chainLinkProblem(heads.get(e.stream), e);
    if (problem === undefined) heads.set(e.stream, { revision: e.revision, hash: e.hash });
    else problems.push(`${e.stream}@${e.revision} ${problem.split(':')[0] ?? ''}`);
  }
  // What this store can do beyond the port, detected rather than assumed.
  return { problems, batches: hasBatchReader(store), sealsOnHead: hasHeadConditionalAppend(store) };
}
