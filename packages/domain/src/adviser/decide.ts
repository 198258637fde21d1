import type { CommandsIn } from '../commands';
import type { CommandsOf, Decider, Decision, Facts, Handlers } from '../decision';
import { dispatch, emit, refuse } from '../decision';
import { alreadyExists, invalidTransition, notFound, ruleViolated } from '../errors';
import { checkAreas } from '../programme/references';
import type { ProgrammeState } from '../programme/state';
import type { AdviserState, AppointedAdviser } from './state';
import { evolveAdviser, initialAdviserState } from './state';

/** Commands of the Adviser aggregate. */
export type AdviserCommand = CommandsIn<'adviser'>;

/** What the adviser decider needs from other streams. */
export interface AdviserFacts extends Facts {
  /**
   * The programme named by AppointAdviser, or the adviser's own programme for
   * ReassignAdviser (undefined when not loaded or not established).
   */
  readonly programme: ProgrammeState | undefined;
}

/** Decides an Adviser command. */
export function decideAdviser(c: AdviserCommand, s: AdviserState, f: AdviserFacts): Decision {
  const stream = `adviser-${c.data.adviserId}`;
  // Nothing after StandDownAdviser (rule adviser-stood-down-final).
  if (s.status === 'stood-down') return refuse(invalidTransition('stood-down', c.type));
  if (c.type === 'AppointAdviser') {
    if (s.status === 'appointed') return refuse(alreadyExists(stream));
    const bad = checkAreas(f.programme, c.data.programmeId, c.data.areaIds, true);
    if (bad !== null) return refuse(bad);
    return emit({ type: 'AdviserAppointed', data: c.data });
  }
  if (s.status === 'none') return refuse(notFound(stream));
  return dispatch(rules, c, s, f);
}

/** The rule of each command on an appointed adviser (AppointAdviser is decided above). */
const rules: Handlers<
  Exclude<AdviserCommand, CommandsOf<'AppointAdviser'>>,
  AppointedAdviser,
  AdviserFacts
> = {
  ReassignAdviser: (c, s, f) => {
    const bad = checkAreas(f.programme, s.programmeId, c.data.areaIds, true);
    if (bad !== null) return refuse(bad);
    return emit({ type: 'AdviserReassigned', data: { ...c.data, previousAreaIds: s.areaIds } });
  },
  SubmitAdviserReport: (c, _s, f) =>
    f.issuer.role !== 'system' && f.issuer.actor !== c.data.adviserId
      ? refuse(
          ruleViolated(
            'adviser-reports-own',
            `only ${c.data.adviserId} may submit their report (actor is ${f.issuer.actor})`,
          ),
        )
      : emit({ type: 'AdviserReportSubmitted', data: c.data }),
  StandDownAdviser: (c) => emit({ type: 'AdviserStoodDown', data: c.data }),
};

/** The Adviser decider: initial state, evolve and decide together. */
export const adviserDecider: Decider<AdviserCommand, AdviserState, AdviserFacts> = {
  initialState: initialAdviserState,
  evolve: evolveAdviser,
  decide: decideAdviser,
};
