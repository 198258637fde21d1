import { command, domainEvent } from '@assure/domain/testing';
import {
  OK,
  P,
  admin,
  areaFinance,
  areaWaste,
  areaWasteRetired,
  bodyDissolved,
  createdOnce,
  cabinet,
  cabinetMeeting,
  established,
  invalidFrom,
  officer,
  programme,
  refusedFrom,
  ruleViolated,
  checkRules,
} from './fixtures';
import type { Rules } from './fixtures';

const changePhase = (phase: string, reason: string) =>
  command('ChangePhase', { programmeId: P, phase, reason });
const defineFinance = command('DefinePriorityArea', areaFinance.data);
const retireWaste = command('RetirePriorityArea', areaWasteRetired.data);
const constituteCabinet = command('ConstituteBody', cabinet.data);
const dissolve = command('DissolveBody', {
  programmeId: P,
  bodyId: 'cabinet-bcc',
  reason: 'Abolished',
});
const cabinetDissolved = bodyDissolved('cabinet-bcc', 'Abolished');
const recordMeeting = command('RecordMeeting', cabinetMeeting.data);
const report = command('SubmitProgressReport', {
  programmeId: P,
  reportId: 'report-2019-10-29',
  to: 'secretary-of-state',
  periodEnd: '2019-09-30',
  uri: 'https://example.org/letter-to-sos.pdf',
});
const assess = command('AssessCriterion', {
  programmeId: P,
  stocktakeId: 'stocktake-2019-03',
  criterion: 'financial-planning-and-management',
  rating: 'amber',
  narrative: 'A robust four year financial plan',
});
const assessed = domainEvent('CriterionAssessed', assess.data);
const withCabinet = [established, cabinet];

/** Each rule's decision table (rows checked in order). */
const rules: Rules = {
  ...createdOnce('programme', 'EstablishProgramme', [
    [],
    command('EstablishProgramme', established.data),
    admin(),
    established,
  ]),
  'programme-not-found: a command on a missing programme is NotFound': [
    [[], changePhase('Assurance', 'x'), admin(), { _tag: 'NotFound', stream: `programme-${P}` }],
  ],
  'ChangePhase carries previousPhase': [
    [
      [established],
      changePhase('Assurance Framework', 'The panel stood down on 31 March 2019'),
      admin(),
      [
        domainEvent('ProgrammePhaseChanged', {
          programmeId: P,
          phase: 'Assurance Framework',
          reason: 'The panel stood down on 31 March 2019',
          previousPhase: 'Independent Improvement Panel',
        }),
      ],
    ],
  ],
  'phase-differs: ChangePhase to the same phase is refused': [
    [
      [established],
      changePhase('Independent Improvement Panel', 'again'),
      admin(),
      ruleViolated('phase-differs'),
    ],
  ],
  'DefinePriorityArea records PriorityAreaDefined': [
    [[established], defineFinance, admin(), [areaFinance]],
  ],
  'area-id-unique: defining an area twice is refused': [
    [[established, areaFinance], defineFinance, admin(), ruleViolated('area-id-unique')],
  ],
  'RetirePriorityArea records PriorityAreaRetired': [
    [[established, areaWaste], retireWaste, admin(), [areaWasteRetired]],
  ],
  'area-exists: retiring an unknown area is reference-missing': [
    [[established], retireWaste, admin(), ruleViolated('reference-missing')],
  ],
  'area-not-retired: retiring a retired area is InvalidTransition from retired': [
    [
      [established, areaWaste, areaWasteRetired],
      retireWaste,
      admin(),
      { ...invalidFrom('retired'), command: 'RetirePriorityArea' },
    ],
  ],
  'ConstituteBody records OversightBodyConstituted': [
    [[established], constituteCabinet, admin(), [cabinet]],
  ],
  'body-id-unique: constituting a body twice is refused': [
    [withCabinet, constituteCabinet, admin(), ruleViolated('body-id-unique')],
  ],
  'DissolveBody records OversightBodyDissolved': [
    [withCabinet, dissolve, admin(), [cabinetDissolved]],
  ],
  'body-exists: dissolving an unknown body is reference-missing': [
    [[established], dissolve, admin(), ruleViolated('reference-missing')],
  ],
  'RecordMeeting records MeetingRecorded': [
    [withCabinet, recordMeeting, officer(), [cabinetMeeting]],
  ],
  'meeting-body-exists: a meeting of an unknown body is reference-missing': [
    [[established], recordMeeting, officer(), ruleViolated('reference-missing')],
  ],
  'body-active: a dissolved body cannot meet': [
    [[...withCabinet, cabinetDissolved], recordMeeting, officer(), ruleViolated('body-active')],
  ],
  'meeting-id-unique: recording a meeting twice is refused': [
    [[...withCabinet, cabinetMeeting], recordMeeting, officer(), ruleViolated('meeting-id-unique')],
  ],
  'SubmitProgressReport records ProgressReportSubmitted': [
    [programme, report, officer(), [domainEvent('ProgressReportSubmitted', report.data)]],
  ],
  'AssessCriterion records CriterionAssessed': [[programme, assess, officer(), [assessed]]],
  'criterion-once-per-stocktake: a second rating of a criterion in one stocktake is refused': [
    [[...programme, assessed], assess, officer(), ruleViolated('criterion-once-per-stocktake')],
    // another stocktake may rate it again
    [
      [...programme, assessed],
      command('AssessCriterion', { ...assess.data, stocktakeId: 'stocktake-2018-06' }),
      officer(),
      OK,
    ],
  ],
};

describe('Programme', () => {
  checkRules(rules);

  test('body-active: dissolving a dissolved body is InvalidTransition from dissolved', () => {
    refusedFrom(dissolve, admin(), { dissolved: [...withCabinet, cabinetDissolved] });
  });
});
