import { allowAll, makeDomainModel } from '@assure/domain';
import { command, domainEvent, domainSpec, issuer } from '@assure/domain/testing';
import {
  ADV,
  P,
  admin,
  adviser,
  adviserAppointed,
  areaWasteRetired,
  invalidFrom,
  programme,
  ruleViolated,
  scenarios,
  checkRules,
  createdOnce,
} from './fixtures';
import type { Rules } from './fixtures';

const openSpec = domainSpec(makeDomainModel({ authorization: allowAll }));
const appoint = command('AppointAdviser', adviserAppointed.data);
const standDown = command('StandDownAdviser', { adviserId: ADV, reason: 'Term ended' });
const stoodDown = domainEvent('AdviserStoodDown', standDown.data);
const report = command('SubmitAdviserReport', {
  adviserId: ADV,
  reportId: 'nea-letter-2019-10',
  summary: 'An integrated approach to budget management is taking hold',
});

const appointed = [...programme, adviserAppointed];
const reassignTo = (...areaIds: string[]) =>
  command('ReassignAdviser', { adviserId: ADV, areaIds });
const appointTo = (...areaIds: string[]) =>
  command('AppointAdviser', { ...adviserAppointed.data, areaIds });
const stoodDownAdviser = [...appointed, stoodDown];

/** Each rule's decision table: its rows are checked in order. */
const rules: Rules = {
  ...createdOnce('adviser', 'appointing', [programme, appoint, admin(), adviserAppointed]),
  'reference-missing: the programme and areas must exist': [
    [[], appoint, admin(), ruleViolated('reference-missing')],
    [programme, appointTo('area-send'), admin(), ruleViolated('reference-missing')],
  ],
  'area-retired: an adviser cannot be appointed to a retired area': [
    [
      [...programme, areaWasteRetired],
      appointTo('area-waste'),
      admin(),
      ruleViolated('area-retired'),
    ],
  ],
  'adviser-not-found: commands on a missing adviser are NotFound': [
    [programme, standDown, admin(), { _tag: 'NotFound', stream: `adviser-${ADV}` }],
  ],
  'ReassignAdviser carries previousAreaIds': [
    [
      appointed,
      reassignTo('area-finance', 'area-governance'),
      admin(),
      [
        domainEvent('AdviserReassigned', {
          adviserId: ADV,
          areaIds: ['area-finance', 'area-governance'],
          previousAreaIds: ['area-finance'],
        }),
      ],
    ],
  ],
  'reference-missing / area-retired: ReassignAdviser names areas of its own programme that exist and are active':
    [
      [appointed, reassignTo('area-nowhere'), admin(), ruleViolated('reference-missing')],
      [
        [...appointed, areaWasteRetired],
        reassignTo('area-waste'),
        admin(),
        ruleViolated('area-retired'),
      ],
    ],
  'SubmitAdviserReport by the adviser themself': [
    [appointed, report, adviser(ADV), [domainEvent('AdviserReportSubmitted', report.data)]],
  ],
  'StandDownAdviser records AdviserStoodDown': [[appointed, standDown, admin(), [stoodDown]]],
  'adviser-stood-down-final: nothing after StandDownAdviser': [
    [stoodDownAdviser, standDown, admin(), invalidFrom('stood-down')],
    [stoodDownAdviser, appoint, admin(), invalidFrom('stood-down')],
    [stoodDownAdviser, reassignTo('area-finance'), admin(), invalidFrom('stood-down')],
    [stoodDownAdviser, report, adviser(ADV), invalidFrom('stood-down')],
  ],
};

describe('Adviser', () => {
  checkRules(rules);

  test('adviser-reports-own: another actor may not submit the report (even if a policy lets them)', () => {
    scenarios(
      [
        [
          appointed,
          report,
          issuer('nea-max-caller', 'adviser'),
          ruleViolated('adviser-reports-own'),
        ],
      ],
      openSpec,
    );
  });

  test('P is the programme of the fixtures', () => {
    expect(adviserAppointed.data.programmeId).toBe(P);
  });
});
