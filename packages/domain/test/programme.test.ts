import { command, domainEvent, domainSpec } from '@assure/domain/testing';
import {
  P,
  admin,
  areaFinance,
  areaWaste,
  areaWasteRetired,
  cabinet,
  cabinetMeeting,
  established,
  officer,
  programme,
  refusedFrom,
} from './fixtures';

const spec = domainSpec();

describe('Programme', () => {
  test('EstablishProgramme records ProgrammeEstablished', () => {
    spec
      .given([])
      .when(command('EstablishProgramme', established.data), admin())
      .then([established]);
  });

  test('programme-once: EstablishProgramme twice is AlreadyExists', () => {
    spec
      .given([established])
      .when(command('EstablishProgramme', established.data), admin())
      .thenError({ _tag: 'AlreadyExists', stream: `programme-${P}` });
  });

  test('programme-not-found: a command on a missing programme is NotFound', () => {
    spec
      .given([])
      .when(command('ChangePhase', { programmeId: P, phase: 'Assurance', reason: 'x' }), admin())
      .thenError({ _tag: 'NotFound', stream: `programme-${P}` });
  });

  test('ChangePhase carries previousPhase', () => {
    spec
      .given([established])
      .when(
        command('ChangePhase', {
          programmeId: P,
          phase: 'Assurance Framework',
          reason: 'The panel stood down on 31 March 2019',
        }),
        admin(),
      )
      .then([
        domainEvent('ProgrammePhaseChanged', {
          programmeId: P,
          phase: 'Assurance Framework',
          reason: 'The panel stood down on 31 March 2019',
          previousPhase: 'Independent Improvement Panel',
        }),
      ]);
  });

  test('phase-differs: ChangePhase to the same phase is refused', () => {
    spec
      .given([established])
      .when(
        command('ChangePhase', {
          programmeId: P,
          phase: 'Independent Improvement Panel',
          reason: 'again',
        }),
        admin(),
      )
      .thenError({ _tag: 'RuleViolated', rule: 'phase-differs' });
  });

  test('DefinePriorityArea records PriorityAreaDefined', () => {
    spec
      .given([established])
      .when(command('DefinePriorityArea', areaFinance.data), admin())
      .then([areaFinance]);
  });

  test('area-id-unique: defining an area twice is refused', () => {
    spec
      .given([established, areaFinance])
      .when(command('DefinePriorityArea', areaFinance.data), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'area-id-unique' });
  });

  test('RetirePriorityArea records PriorityAreaRetired', () => {
    spec
      .given([established, areaWaste])
      .when(command('RetirePriorityArea', areaWasteRetired.data), admin())
      .then([areaWasteRetired]);
  });

  test('area-exists: retiring an unknown area is reference-missing', () => {
    spec
      .given([established])
      .when(command('RetirePriorityArea', areaWasteRetired.data), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
  });

  test('area-not-retired: retiring a retired area is InvalidTransition from retired', () => {
    spec
      .given([established, areaWaste, areaWasteRetired])
      .when(command('RetirePriorityArea', areaWasteRetired.data), admin())
      .thenError({ _tag: 'InvalidTransition', from: 'retired', command: 'RetirePriorityArea' });
  });

  test('ConstituteBody records OversightBodyConstituted', () => {
    spec
      .given([established])
      .when(command('ConstituteBody', cabinet.data), admin())
      .then([cabinet]);
  });

  test('body-id-unique: constituting a body twice is refused', () => {
    spec
      .given([established, cabinet])
      .when(command('ConstituteBody', cabinet.data), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'body-id-unique' });
  });

  const dissolve = command('DissolveBody', {
    programmeId: P,
    bodyId: 'cabinet-bcc',
    reason: 'Abolished',
  });

  test('DissolveBody records OversightBodyDissolved', () => {
    spec
      .given([established, cabinet])
      .when(dissolve, admin())
      .then([domainEvent('OversightBodyDissolved', dissolve.data)]);
  });

  test('body-exists: dissolving an unknown body is reference-missing', () => {
    spec
      .given([established])
      .when(dissolve, admin())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
  });

  test('body-active: dissolving a dissolved body is InvalidTransition from dissolved', () => {
    refusedFrom(dissolve, admin(), {
      dissolved: [established, cabinet, domainEvent('OversightBodyDissolved', dissolve.data)],
    });
  });

  test('RecordMeeting records MeetingRecorded', () => {
    spec
      .given([established, cabinet])
      .when(command('RecordMeeting', cabinetMeeting.data), officer())
      .then([cabinetMeeting]);
  });

  test('meeting-body-exists: a meeting of an unknown body is reference-missing', () => {
    spec
      .given([established])
      .when(command('RecordMeeting', cabinetMeeting.data), officer())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
  });

  test('body-active: a dissolved body cannot meet', () => {
    spec
      .given([established, cabinet, domainEvent('OversightBodyDissolved', dissolve.data)])
      .when(command('RecordMeeting', cabinetMeeting.data), officer())
      .thenError({ _tag: 'RuleViolated', rule: 'body-active' });
  });

  test('meeting-id-unique: recording a meeting twice is refused', () => {
    spec
      .given([established, cabinet, cabinetMeeting])
      .when(command('RecordMeeting', cabinetMeeting.data), officer())
      .thenError({ _tag: 'RuleViolated', rule: 'meeting-id-unique' });
  });

  test('SubmitProgressReport records ProgressReportSubmitted', () => {
    const data = {
      programmeId: P,
      reportId: 'report-2019-10-29',
      to: 'secretary-of-state' as const,
      periodEnd: '2019-09-30',
      uri: 'https://example.org/letter-to-sos.pdf',
    };
    spec
      .given(programme)
      .when(command('SubmitProgressReport', data), officer())
      .then([domainEvent('ProgressReportSubmitted', data)]);
  });

  const assess = command('AssessCriterion', {
    programmeId: P,
    stocktakeId: 'stocktake-2019-03',
    criterion: 'financial-planning-and-management',
    rating: 'amber',
    narrative: 'A robust four year financial plan',
  });

  test('AssessCriterion records CriterionAssessed', () => {
    spec
      .given(programme)
      .when(assess, officer())
      .then([domainEvent('CriterionAssessed', assess.data)]);
  });

  test('criterion-once-per-stocktake: a second rating of a criterion in one stocktake is refused', () => {
    spec
      .given([...programme, domainEvent('CriterionAssessed', assess.data)])
      .when(assess, officer())
      .thenError({ _tag: 'RuleViolated', rule: 'criterion-once-per-stocktake' });
    // another stocktake may rate it again
    spec
      .given([...programme, domainEvent('CriterionAssessed', assess.data)])
      .when(
        command('AssessCriterion', { ...assess.data, stocktakeId: 'stocktake-2018-06' }),
        officer(),
      )
      .thenOk();
  });
});
