import { domainModel } from '@assure/domain';
import { command, domainSpec } from '@assure/domain/testing';
import { admin, auditor, sealed } from './fixtures';

const spec = domainSpec();

describe('Ledger', () => {
  test('SealLedger with a checkpoint records LedgerSealed', () => {
    spec.given([]).when(command('SealLedger', sealed.data), auditor()).then([sealed]);
  });

  test('seal-checkpoint-required: SealLedger {} (no checkpoint) is refused', () => {
    spec
      .given([])
      .when(command('SealLedger', {}), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'seal-checkpoint-required' });
    spec
      .given([])
      .when(command('SealLedger', { treeSize: 3, root: 'a'.repeat(64) }), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'seal-checkpoint-required' });
  });

  test('seal-grows: a seal must cover more events than the last one', () => {
    spec
      .given([sealed])
      .when(command('SealLedger', sealed.data), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'seal-grows' });
    spec
      .given([sealed])
      .when(command('SealLedger', { ...sealed.data, treeSize: 11, lastPosition: '9' }), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'seal-grows' });
    spec
      .given([sealed])
      .when(command('SealLedger', { ...sealed.data, treeSize: 11, lastPosition: '10' }), admin())
      .thenOk();
  });

  test('the ledger routes to ledger-seals', () => {
    expect(domainModel.route(command('SealLedger', {}))).toEqual({
      stream: 'ledger-seals',
      related: [],
    });
  });
});
