import * as E from 'fp-ts/Either';
import { commands, domainModel } from '@assure/domain';
import { domainEvent } from '@assure/domain/testing';

/** Decides a risk's rescore from its history: no store, no clock, no IO. */
export function rescoreRisk() {
  const issuer = { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' };
  // Typed: a misspelt field is a compile error; a bad value (an id, a level out of 1-5) is a
  // ValidationFailed naming every bad field.
  const decoded = commands.rescoreRisk({
    riskId: 'equal-pay',
    likelihood: 4,
    impact: 5,
    rationale: 'Offers accepted',
  });
  if (E.isLeft(decoded)) return decoded;

  const command = decoded.right;
  const route = domainModel.route(command); // the target stream: 'risk-equal-pay'
  const history = [
    domainEvent('RiskIdentified', {
      riskId: 'equal-pay',
      programmeId: 'bcc',
      title: 'Equal pay claims',
      category: 'Financial',
      owner: 'officer-cfo',
      inherent: { likelihood: 5, impact: 5 },
      target: { likelihood: 2, impact: 4 },
      nextReviewOn: '2019-06-30',
    }),
  ];
  const state = history.reduce(
    (s, e) => domainModel.evolve(s, e),
    domainModel.initialState(route.stream),
  );
  // Right([RiskRescored with previous and current scores]) or Left(a tagged DomainError)
  return E.flatMap(domainModel.authorize(command, issuer), () =>
    domainModel.decide(command, state, { issuer, related: new Map() }),
  );
}
