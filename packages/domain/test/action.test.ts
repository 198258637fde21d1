import { command, domainEvent, domainSpec } from '@assure/domain/testing';
import {
  ACT,
  REC,
  actionCompleted,
  actionPlanned,
  board,
  officer,
  programme,
  statutoryRaised,
  refusedFrom,
} from './fixtures';

const spec = domainSpec();
const base = [...programme, statutoryRaised, actionPlanned];
const cancelled = domainEvent('ActionCancelled', {
  actionId: ACT,
  reason: 'Superseded by the financial plan',
  approvedBy: 'board-spb-chair',
});
const progress = command('RecordActionProgress', {
  actionId: ACT,
  percentComplete: 40,
  narrative: 'Savings plans agreed for four directorates',
});

describe('Action', () => {
  test('PlanAction records ActionPlanned', () => {
    spec
      .given([...programme, statutoryRaised])
      .when(command('PlanAction', actionPlanned.data), officer())
      .then([actionPlanned]);
  });

  test('action-once: planning twice is AlreadyExists', () => {
    spec
      .given(base)
      .when(command('PlanAction', actionPlanned.data), officer())
      .thenError({ _tag: 'AlreadyExists', stream: `action-${ACT}` });
  });

  test('reference-missing: the area must exist', () => {
    spec
      .given([...programme, statutoryRaised])
      .when(command('PlanAction', { ...actionPlanned.data, areaId: 'area-nowhere' }), officer())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
  });

  test('reference-missing: each linked recommendation must exist', () => {
    spec
      .given(programme)
      .when(command('PlanAction', actionPlanned.data), officer())
      .thenError({
        _tag: 'RuleViolated',
        rule: 'reference-missing',
        message: `recommendation-${REC} does not exist`,
      });
  });

  test('action-not-found: commands on a missing action are NotFound', () => {
    spec
      .given(programme)
      .when(progress, officer())
      .thenError({ _tag: 'NotFound', stream: `action-${ACT}` });
  });

  test('RecordActionProgress on open actions only', () => {
    spec
      .given(base)
      .when(progress, officer())
      .then([domainEvent('ActionProgressRecorded', progress.data)]);
    refusedFrom(progress, officer(), {
      completed: [...base, actionCompleted],
      cancelled: [...base, cancelled],
    });
  });

  test('percent-range: percentComplete 100 or -1 is ValidationFailed', () => {
    for (const percentComplete of [100, -1, 12.5])
      expect(() => command('RecordActionProgress', { ...progress.data, percentComplete })).toThrow(
        /data|percentComplete/,
      );
  });

  test('ReassignActionLead carries previousLead; open only', () => {
    const reassign = command('ReassignActionLead', {
      actionId: ACT,
      lead: 'officer-finance',
      reason: 'New CFO',
    });
    spec
      .given(base)
      .when(reassign, officer())
      .then([
        domainEvent('ActionLeadReassigned', { ...reassign.data, previousLead: 'officer-cfo' }),
      ]);
    refusedFrom(reassign, officer(), { cancelled: [...base, cancelled] });
  });

  test('original-due-date-kept: ActionDueDateRevised carries the original due date', () => {
    const revise = command('ReviseActionDueDate', {
      actionId: ACT,
      dueOn: '2019-09-30',
      reason: 'Budget consultation extended',
      approvedBy: 'board-spb-chair',
    });
    const first = domainEvent('ActionDueDateRevised', {
      ...revise.data,
      previousDueOn: '2019-06-30',
      originalDueOn: '2019-06-30',
    });
    spec.given(base).when(revise, board()).then([first]);
    spec
      .given([...base, first])
      .when(command('ReviseActionDueDate', { ...revise.data, dueOn: '2019-12-31' }), board())
      .then([
        domainEvent('ActionDueDateRevised', {
          ...revise.data,
          dueOn: '2019-12-31',
          previousDueOn: '2019-09-30',
          originalDueOn: '2019-06-30',
        }),
      ]);
    spec
      .given([...base, first])
      .when(revise, board())
      .thenError({ _tag: 'RuleViolated', rule: 'due-date-changes' });
    refusedFrom(revise, board(), { completed: [...base, actionCompleted] });
  });

  test('CompleteAction on open actions only', () => {
    const complete = command('CompleteAction', actionCompleted.data);
    spec.given(base).when(complete, officer()).then([actionCompleted]);
    refusedFrom(complete, officer(), {
      completed: [...base, actionCompleted],
      cancelled: [...base, cancelled],
    });
  });

  test('ReopenAction from completed only; a reopened action is open', () => {
    const reopen = command('ReopenAction', { actionId: ACT, reason: 'Outturn restated' });
    const reopened = domainEvent('ActionReopened', reopen.data);
    spec
      .given([...base, actionCompleted])
      .when(reopen, officer())
      .then([reopened]);
    refusedFrom(reopen, officer(), { planned: base, cancelled: [...base, cancelled] });
    spec
      .given([...base, actionCompleted, reopened])
      .when(progress, officer())
      .thenOk();
  });

  test('CancelAction on open actions only, with approvedBy', () => {
    const cancel = command('CancelAction', cancelled.data);
    spec.given(base).when(cancel, board()).then([cancelled]);
    refusedFrom(cancel, board(), {
      cancelled: [...base, cancelled],
      completed: [...base, actionCompleted],
    });
    const { approvedBy: _a, ...noApproval } = cancelled.data;
    expect(() => command('CancelAction', noApproval as never)).toThrow(/approvedBy/);
  });
});
