import type { CommandsIn } from '../commands';
import type { CommandsOf, Decider, Decision, Facts, Lifecycle } from '../decision';
import { decideIn, emit, refuse, refuseRule } from '../decision';
import { invalidTransition } from '../errors';
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
  // Nothing after StandDownAdviser (rule adviser-stood-down-final).
  if (s.status === 'stood-down') return refuse(invalidTransition('stood-down', c.type));
  return decideIn(lifecycle, c, s, f);
}

/** Appointing, then the rule of each command on an appointed adviser. */
const lifecycle: Lifecycle<AdviserCommand, 'AppointAdviser', AppointedAdviser, AdviserFacts> = {
  create: appoint,
  creator: 'AppointAdviser',
  rules: {
    ReassignAdviser: (c, s, f) => {
      const bad = checkAreas(f.programme, s.programmeId, c.data.areaIds, true);
      if (bad !== null) return refuse(bad);
      return emit({ type: 'AdviserReassigned', data: { ...c.data, previousAreaIds: s.areaIds } });
    },
    SubmitAdviserReport: (c, _s, f) =>
      f.issuer.role !== 'system' && f.issuer.actor !== c.data.adviserId
        ? refuseRule(
            'adviser-reports-own',
            `only ${c.data.adviserId} may submit their report (actor is ${f.issuer.actor})`,
          )
        : emit({ type: 'AdviserReportSubmitted', data: c.data }),
    StandDownAdviser: (c) => emit({ type: 'AdviserStoodDown', data: c.data }),
  },
};

function appoint(c: CommandsOf<'AppointAdviser'>, f: AdviserFacts): Decision {
  const bad = checkAreas(f.programme, c.data.programmeId, c.data.areaIds, true);
  if (bad !== null) return refuse(bad);
  return emit({ type: 'AdviserAppointed', data: c.data });
}

/** The Adviser decider: initial state, evolve and decide together. */
export const adviserDecider: Decider<AdviserCommand, AdviserState, AdviserFacts> = {
  initialState: initialAdviserState,
  evolve: evolveAdviser,
  decide: decideAdviser,
};
