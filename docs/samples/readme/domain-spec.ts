import { command, domainEvent, domainSpec, issuer } from '@assure/domain/testing';

/** Given a history, when a command, then events or a refusal (a failed expectation throws). */
export function specOfARescore() {
  const riskIdentified = domainEvent('RiskIdentified', {
    riskId: 'equal-pay',
    programmeId: 'bcc',
    title: 'Equal pay claims',
    category: 'Financial',
    owner: 'officer-cfo',
    inherent: { likelihood: 5, impact: 5 },
    target: { likelihood: 2, impact: 4 },
    nextReviewOn: '2019-06-30',
  });
  const rescore = command('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 4,
    impact: 5,
    rationale: 'Offers accepted',
  });
  const decided = domainSpec()
    .given([riskIdentified])
    .when(rescore, issuer('officer-cfo', 'officer', '2019-03-12'))
    .thenOk();
  domainSpec()
    .given([])
    .when(rescore, issuer('officer-cfo', 'officer', '2019-03-12'))
    .thenError('NotFound');
  return decided.map((e) => e.type);
}
