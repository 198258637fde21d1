import type { CommandsIn } from '../commands';
import type { CommandsOf, Decide, Decider, Decision, Lifecycle } from '../decision';
import { deciding, emit, idTaken, refuse, refuseRule } from '../decision';
import { invalidTransition } from '../errors';
import type { ProgrammeFacts } from './outputs';
import {
  addObserver,
  criterionOutOfSet,
  handOver,
  issueOutput,
  phaseStartRefused,
  recordStocktake,
} from './outputs';
import type { EstablishedProgramme, ProgrammeState } from './state';
import { assessmentKey, evolveProgramme, initialProgrammeState } from './state';

/** Commands of the Programme aggregate. */
export type ProgrammeCommand = CommandsIn<'programme'>;

/** Establishing, then the rule of each command on an established programme. */
const lifecycle: Lifecycle<
  ProgrammeCommand,
  'EstablishProgramme',
  EstablishedProgramme,
  ProgrammeFacts
> = {
  create: (c) => emit({ type: 'ProgrammeEstablished', data: c.data }),
  creator: 'EstablishProgramme',
  rules: {
    ChangePhase: (c, s, f) =>
      c.data.phase === s.phase
        ? refuseRule(
            'phase-differs',
            `the programme is already in phase ${JSON.stringify(s.phase)}`,
          )
        : (phaseStartRefused(c, s, f) ??
          emit({ type: 'ProgrammePhaseChanged', data: { ...c.data, previousPhase: s.phase } })),
    DefinePriorityArea: ({ data: d }, s) =>
      idTaken(s.areas, 'area', d.areaId, `is already defined in programme-${d.programmeId}`) ??
      emit({ type: 'PriorityAreaDefined', data: d }),
    RetirePriorityArea: retireArea,
    ConstituteBody: ({ data: d }, s) =>
      idTaken(s.bodies, 'body', d.bodyId, `already exists in programme-${d.programmeId}`) ??
      emit({ type: 'OversightBodyConstituted', data: d }),
    DissolveBody: dissolveBody,
    RecordMeeting: recordMeeting,
    SubmitProgressReport: (c) => emit({ type: 'ProgressReportSubmitted', data: c.data }),
    AssessCriterion: assessCriterion,
    RecordStocktake: recordStocktake,
    IssueBodyOutput: issueOutput,
    AddStandingObserver: addObserver,
    HandOverRecommendations: handOver,
  },
};

/** Decides a Programme command: the longer rules are one function per command below. */
export const decideProgramme: Decide<ProgrammeCommand, ProgrammeState, ProgrammeFacts> =
  deciding(lifecycle);

function retireArea(c: CommandsOf<'RetirePriorityArea'>, s: EstablishedProgramme): Decision {
  const area = s.areas.get(c.data.areaId);
  if (area === undefined)
    return refuseRule(
      'reference-missing',
      `area ${c.data.areaId} is not defined in programme-${c.data.programmeId}`,
    );
  if (area.retired) return refuse(invalidTransition('retired', c.type));
  return emit({ type: 'PriorityAreaRetired', data: c.data });
}

/** The refusal of a command naming a body the programme does not have. */
const noSuchBody = (c: {
  readonly data: { readonly bodyId: string; readonly programmeId: string };
}) =>
  refuseRule(
    'reference-missing',
    `body ${c.data.bodyId} does not exist in programme-${c.data.programmeId}`,
  );

function dissolveBody(c: CommandsOf<'DissolveBody'>, s: EstablishedProgramme): Decision {
  const body = s.bodies.get(c.data.bodyId);
  if (body === undefined) return noSuchBody(c);
  if (!body.active) return refuse(invalidTransition('dissolved', c.type));
  return emit({ type: 'OversightBodyDissolved', data: c.data });
}

function recordMeeting(c: CommandsOf<'RecordMeeting'>, s: EstablishedProgramme): Decision {
  const body = s.bodies.get(c.data.bodyId);
  if (body === undefined) return noSuchBody(c);
  if (!body.active)
    return refuseRule('body-active', `body ${c.data.bodyId} is dissolved and cannot meet`);
  return (
    idTaken(s.meetings, 'meeting', c.data.meetingId, 'is already recorded') ??
    emit({ type: 'MeetingRecorded', data: c.data })
  );
}

function assessCriterion(
  c: CommandsOf<'AssessCriterion'>,
  s: EstablishedProgramme,
  f: ProgrammeFacts,
): Decision {
  if (s.assessments.has(assessmentKey(c.data.stocktakeId, c.data.criterion)))
    return refuseRule(
      'criterion-once-per-stocktake',
      `stocktake ${c.data.stocktakeId} already rated ${c.data.criterion}`,
    );
  return criterionOutOfSet(c, s, f) ?? emit({ type: 'CriterionAssessed', data: c.data });
}

/** The Programme decider: initial state, evolve and decide together. */
export const programmeDecider: Decider<ProgrammeCommand, ProgrammeState, ProgrammeFacts> = {
  initialState: initialProgrammeState,
  evolve: evolveProgramme,
  decide: decideProgramme,
};
