import * as E from 'fp-ts/Either';
import {
  Command,
  DomainEvent,
  commandCodecs,
  commandMeta,
  commandTypes,
  eventCodecs,
  eventTypes,
  toFieldErrors,
} from '@assure/domain';
import { riskIdentifiedSample } from '@assure/domain/testing';
import { riskIdentified } from './fixtures';

const pathsOf = (input: unknown): string[] => {
  const r = Command.decode(input);
  return E.isLeft(r) ? toFieldErrors(r.left).map((e) => e.path) : [];
};

describe('command codecs', () => {
  test('every command type has a codec and every event type too', () => {
    expect(commandTypes).toHaveLength(Object.keys(commandCodecs).length);
    expect(eventTypes).toHaveLength(Object.keys(eventCodecs).length);
    expect(commandTypes).toContain('RaiseRecommendation');
    expect(eventTypes).toContain('LedgerSealed');
  });

  test('a valid command decodes', () => {
    const r = Command.decode({ type: 'IdentifyRisk', data: riskIdentified.data });
    expect(E.isRight(r)).toBe(true);
  });

  test('unknown command type fails at path type', () => {
    expect(pathsOf({ type: 'Explode', data: {} })).toEqual(['type']);
  });

  test('impossible dates, bad ids and scores fail at their paths', () => {
    expect(
      pathsOf({
        type: 'IdentifyRisk',
        data: {
          ...riskIdentifiedSample({
            riskId: 'Equal Pay',
            inherent: { likelihood: 0, impact: 6 },
            nextReviewOn: '2019-02-30',
          }),
          extra: true,
        },
      }).sort(),
    ).toEqual(
      [
        'data.riskId',
        'data.inherent.likelihood',
        'data.inherent.impact',
        'data.nextReviewOn',
        'data.extra',
      ].sort(),
    );
  });

  test('a valid event decodes', () => {
    const r = DomainEvent.decode({
      type: 'LedgerSealed',
      data: { treeSize: 3, root: 'a'.repeat(64), lastPosition: '2' },
    });
    expect(E.isRight(r)).toBe(true);
  });
});

describe('commandMeta', () => {
  test('one creating command per aggregate, none for the ledger (it always exists)', () => {
    const creators = commandTypes.filter((type) => commandMeta[type].creates);
    expect(creators).toEqual([
      'EstablishProgramme',
      'AppointAdviser',
      'RaiseRecommendation',
      'PlanAction',
      'IdentifyRisk',
    ]);
    expect(commandMeta.SealLedger).toEqual({ category: 'ledger', idField: null, creates: false });
    expect(commandMeta.EscalateRisk).toEqual({
      category: 'risk',
      idField: 'riskId',
      creates: false,
    });
  });
});
