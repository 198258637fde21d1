import { allowAll, makeDomainModel } from '@assure/domain';
import { command, domainEvent, domainSpec, issuer } from '@assure/domain/testing';
import { ADV, P, admin, adviser, adviserAppointed, areaWasteRetired, programme } from './fixtures';

const spec = domainSpec();
const openSpec = domainSpec(makeDomainModel({ authorization: allowAll }));
const appoint = command('AppointAdviser', adviserAppointed.data);
const standDown = command('StandDownAdviser', { adviserId: ADV, reason: 'Term ended' });
const stoodDown = domainEvent('AdviserStoodDown', standDown.data);
const report = command('SubmitAdviserReport', {
  adviserId: ADV,
  reportId: 'nea-letter-2019-10',
  summary: 'An integrated approach to budget management is taking hold',
});

describe('Adviser', () => {
  test('AppointAdviser records AdviserAppointed', () => {
    spec.given(programme).when(appoint, admin()).then([adviserAppointed]);
  });

  test('adviser-once: appointing twice is AlreadyExists', () => {
    spec
      .given([...programme, adviserAppointed])
      .when(appoint, admin())
      .thenError({ _tag: 'AlreadyExists', stream: `adviser-${ADV}` });
  });

  test('reference-missing: the programme and areas must exist', () => {
    spec
      .given([])
      .when(appoint, admin())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    spec
      .given(programme)
      .when(
        command('AppointAdviser', { ...adviserAppointed.data, areaIds: ['area-send'] }),
        admin(),
      )
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
  });

  test('area-retired: an adviser cannot be appointed to a retired area', () => {
    spec
      .given([...programme, areaWasteRetired])
      .when(
        command('AppointAdviser', { ...adviserAppointed.data, areaIds: ['area-waste'] }),
        admin(),
      )
      .thenError({ _tag: 'RuleViolated', rule: 'area-retired' });
  });

  test('adviser-not-found: commands on a missing adviser are NotFound', () => {
    spec
      .given(programme)
      .when(standDown, admin())
      .thenError({ _tag: 'NotFound', stream: `adviser-${ADV}` });
  });

  test('ReassignAdviser carries previousAreaIds', () => {
    spec
      .given([...programme, adviserAppointed])
      .when(
        command('ReassignAdviser', {
          adviserId: ADV,
          areaIds: ['area-finance', 'area-governance'],
        }),
        admin(),
      )
      .then([
        domainEvent('AdviserReassigned', {
          adviserId: ADV,
          areaIds: ['area-finance', 'area-governance'],
          previousAreaIds: ['area-finance'],
        }),
      ]);
  });

  test('reference-missing / area-retired: ReassignAdviser names areas of its own programme that exist and are active', () => {
    spec
      .given([...programme, adviserAppointed])
      .when(command('ReassignAdviser', { adviserId: ADV, areaIds: ['area-nowhere'] }), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    spec
      .given([...programme, adviserAppointed, areaWasteRetired])
      .when(command('ReassignAdviser', { adviserId: ADV, areaIds: ['area-waste'] }), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'area-retired' });
  });

  test('SubmitAdviserReport by the adviser themself', () => {
    spec
      .given([...programme, adviserAppointed])
      .when(report, adviser(ADV))
      .then([domainEvent('AdviserReportSubmitted', report.data)]);
  });

  test('adviser-reports-own: another actor may not submit the report (even if a policy lets them)', () => {
    openSpec
      .given([...programme, adviserAppointed])
      .when(report, issuer('nea-max-caller', 'adviser'))
      .thenError({ _tag: 'RuleViolated', rule: 'adviser-reports-own' });
  });

  test('StandDownAdviser records AdviserStoodDown', () => {
    spec
      .given([...programme, adviserAppointed])
      .when(standDown, admin())
      .then([stoodDown]);
  });

  test('adviser-stood-down-final: nothing after StandDownAdviser', () => {
    const after = [...programme, adviserAppointed, stoodDown];
    for (const [c, by] of [
      [standDown, admin()],
      [appoint, admin()],
      [command('ReassignAdviser', { adviserId: ADV, areaIds: ['area-finance'] }), admin()],
      [report, adviser(ADV)],
    ] as const)
      spec.given(after).when(c, by).thenError({ _tag: 'InvalidTransition', from: 'stood-down' });
  });

  test('P is the programme of the fixtures', () => {
    expect(adviserAppointed.data.programmeId).toBe(P);
  });
});
