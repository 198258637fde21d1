import type { Id, IdList, ShortText } from '../codec/primitives';
import { alreadyExists, invalidTransition, notFound, ruleViolated } from '../errors';
import type { DomainEvent } from '../events';
import { isEventOf } from '../events';
import type { CommandsOf, Decision, Facts } from './common';
import { patch } from './common';
import { NO_ID, NO_SHORT_TEXT, emit, refuse } from './common';
import type { ProgrammeState } from './programme';
import { checkAreas } from './references';

/** Status of an adviser: `none` before appointment; `stood-down` is final. */
export type AdviserStatus = 'none' | 'appointed' | 'stood-down';

/** Folded state of an `adviser-<id>` stream. */
export interface AdviserState {
  readonly kind: 'adviser';
  readonly status: AdviserStatus;
  readonly adviserId: Id;
  readonly programmeId: Id;
  readonly name: ShortText;
  readonly areaIds: IdList;
  readonly termEndsOn: string | null;
}

/** Commands of the Adviser aggregate. */
export type AdviserCommand = CommandsOf<
  'AppointAdviser' | 'ReassignAdviser' | 'SubmitAdviserReport' | 'StandDownAdviser'
>;

/** What the adviser decider needs from other streams. */
export interface AdviserFacts extends Facts {
  /**
   * The programme named by AppointAdviser, or the adviser's own programme for
   * ReassignAdviser (undefined when not loaded or not established).
   */
  readonly programme: ProgrammeState | undefined;
}

/** The state of an adviser stream with no events. */
export const initialAdviserState: AdviserState = {
  kind: 'adviser',
  status: 'none',
  adviserId: NO_ID,
  programmeId: NO_ID,
  name: NO_SHORT_TEXT,
  areaIds: [] as readonly Id[] as IdList,
  termEndsOn: null,
};

/** Folds one event into an adviser's state; events of other aggregates leave it unchanged. */
export function evolveAdviser(s: AdviserState, e: DomainEvent): AdviserState {
  if (!isEventOf('adviser', e)) return s;
  switch (e.type) {
    case 'AdviserAppointed':
      return {
        kind: 'adviser',
        status: 'appointed',
        adviserId: e.data.adviserId,
        programmeId: e.data.programmeId,
        name: e.data.name,
        areaIds: e.data.areaIds,
        termEndsOn: e.data.termEndsOn ?? null,
      };
    case 'AdviserReassigned':
      return patch(s, { areaIds: e.data.areaIds });
    case 'AdviserStoodDown':
      return patch(s, { status: 'stood-down' });
    case 'AdviserReportSubmitted':
      return s;
    default: {
      const never: never = e;
      return never;
    }
  }
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
  switch (c.type) {
    case 'ReassignAdviser': {
      const bad = checkAreas(f.programme, s.programmeId, c.data.areaIds, true);
      if (bad !== null) return refuse(bad);
      return emit({ type: 'AdviserReassigned', data: { ...c.data, previousAreaIds: s.areaIds } });
    }
    case 'SubmitAdviserReport':
      if (f.issuer.role !== 'system' && f.issuer.actor !== c.data.adviserId)
        return refuse(
          ruleViolated(
            'adviser-reports-own',
            `only ${c.data.adviserId} may submit their report (actor is ${f.issuer.actor})`,
          ),
        );
      return emit({ type: 'AdviserReportSubmitted', data: c.data });
    case 'StandDownAdviser':
      return emit({ type: 'AdviserStoodDown', data: c.data });
    default: {
      const never: never = c;
      return never;
    }
  }
}
