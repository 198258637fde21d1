import { command, domainEvent } from '@assure/domain/testing';
import type { Scenario } from './fixtures';
import {
  ACT,
  about,
  createdOnce,
  REC,
  actionCompleted,
  actionPlanned,
  board,
  officer,
  programme,
  statutoryRaised,
  refusedFrom,
  scenarios,
  OK,
  ruleViolated,
} from './fixtures';

const base = [...programme, statutoryRaised, actionPlanned];
const onAction = about('actionId', ACT);
const plan = command('PlanAction', actionPlanned.data);
const progress = onAction.command('RecordActionProgress', {
  percentComplete: 40,
  narrative: 'Savings plans agreed for four directorates',
});
const reassign = onAction.command('ReassignActionLead', {
  lead: 'officer-finance',
  reason: 'New CFO',
});
const revise = onAction.command('ReviseActionDueDate', {
  dueOn: '2019-09-30',
  reason: 'Budget consultation extended',
  approvedBy: 'board-spb-chair',
});
const firstRevision = domainEvent('ActionDueDateRevised', {
  ...revise.data,
  previousDueOn: '2019-06-30',
  originalDueOn: '2019-06-30',
});
const complete = command('CompleteAction', actionCompleted.data);
const [reopen, reopened] = onAction.recorded('ReopenAction', 'ActionReopened', {
  reason: 'Outturn restated',
});
const [cancel, cancelled] = onAction.recorded('CancelAction', 'ActionCancelled', {
  reason: 'Superseded by the financial plan',
  approvedBy: 'board-spb-chair',
});
const completedAction = [...base, actionCompleted];
const cancelledAction = [...base, cancelled];

/** Each rule's decision table (rows checked in order), then its InvalidTransition refusals. */
const rules: readonly (readonly [
  rule: string,
  rows: readonly Scenario[],
  refused?: readonly [Scenario[1], Scenario[2], { readonly [from: string]: Scenario[0] }],
])[] = [
  ...Object.entries(
    createdOnce('action', 'planning', [
      [...programme, statutoryRaised],
      plan,
      officer(),
      actionPlanned,
    ]),
  ),
  [
    'reference-missing: the area must exist',
    [
      [
        [...programme, statutoryRaised],
        command('PlanAction', { ...actionPlanned.data, areaId: 'area-nowhere' }),
        officer(),
        ruleViolated('reference-missing'),
      ],
    ],
  ],
  [
    'reference-missing: each linked recommendation must exist',
    [
      [
        programme,
        plan,
        officer(),
        {
          ...ruleViolated('reference-missing'),
          message: `recommendation-${REC} does not exist`,
        },
      ],
    ],
  ],
  [
    'action-not-found: commands on a missing action are NotFound',
    [[programme, progress, officer(), { _tag: 'NotFound', stream: `action-${ACT}` }]],
  ],
  [
    'RecordActionProgress on open actions only',
    [[base, progress, officer(), [domainEvent('ActionProgressRecorded', progress.data)]]],
    [progress, officer(), { completed: completedAction, cancelled: cancelledAction }],
  ],
  [
    'ReassignActionLead carries previousLead; open only',
    [
      [
        base,
        reassign,
        officer(),
        [domainEvent('ActionLeadReassigned', { ...reassign.data, previousLead: 'officer-cfo' })],
      ],
    ],
    [reassign, officer(), { cancelled: cancelledAction }],
  ],
  [
    'original-due-date-kept: ActionDueDateRevised carries the original due date',
    [
      [base, revise, board(), [firstRevision]],
      [
        [...base, firstRevision],
        command('ReviseActionDueDate', { ...revise.data, dueOn: '2019-12-31' }),
        board(),
        [
          domainEvent('ActionDueDateRevised', {
            ...revise.data,
            dueOn: '2019-12-31',
            previousDueOn: '2019-09-30',
            originalDueOn: '2019-06-30',
          }),
        ],
      ],
      [[...base, firstRevision], revise, board(), ruleViolated('due-date-changes')],
    ],
    [revise, board(), { completed: completedAction }],
  ],
  [
    'CompleteAction on open actions only',
    [[base, complete, officer(), [actionCompleted]]],
    [complete, officer(), { completed: completedAction, cancelled: cancelledAction }],
  ],
  [
    'ReopenAction from completed only; a reopened action is open',
    [
      [completedAction, reopen, officer(), [reopened]],
      [[...completedAction, reopened], progress, officer(), OK],
    ],
    [reopen, officer(), { planned: base, cancelled: cancelledAction }],
  ],
  [
    'CancelAction on open actions only',
    [[base, cancel, board(), [cancelled]]],
    [cancel, board(), { cancelled: cancelledAction, completed: completedAction }],
  ],
];

describe('Action', () => {
  test.each(rules.map(([rule, rows, refused]) => ({ rule, rows, refused })))(
    '$rule',
    ({ rows, refused }) => {
      scenarios(rows);
      if (refused !== undefined) refusedFrom(...refused);
    },
  );

  test('percent-range: percentComplete 100 or -1 is ValidationFailed', () => {
    for (const percentComplete of [100, -1, 12.5])
      expect(() => command('RecordActionProgress', { ...progress.data, percentComplete })).toThrow(
        /data|percentComplete/,
      );
  });

  test('CancelAction needs approvedBy', () => {
    const { approvedBy: _a, ...noApproval } = cancelled.data;
    expect(() => command('CancelAction', noApproval as never)).toThrow(/approvedBy/);
  });
});
