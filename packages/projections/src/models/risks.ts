import {
  isAfterDay,
  isReviewOverdue,
  riskBandsV1,
  riskFlags,
  riskTrend,
  score,
  type RiskBand,
  type RiskFlag,
  type RiskTrend,
} from '@assure/domain';
import type { ScorePair } from './facts';
import { factsOf, type ControlFacts, type HistoryState } from './history';
import { lastMeetingOn } from './tracker';
import type { ActionsState, ProgrammesState, RisksState } from './views';

/** An action that mitigates a risk, with its state at the as-at day. */
export interface MitigatingActionRow {
  readonly id: string;
  /** Null when the action is not in the read model (left out by an as-at window). */
  readonly title: string | null;
  readonly status: string | null;
  /** Percent complete (a completed action 100), null when not known. */
  readonly percentComplete: number | null;
  readonly dueOn: string | null;
  /** Open and the as-at day after its current due date. */
  readonly overdue: boolean;
}

/** A risk's trend since the last meeting of its programme's bodies. */
export interface TrendSinceLastMeeting {
  /** The day of the last meeting on or before the as-at day. */
  readonly meetingOn: string;
  /** The current score at the end of that day (null: the risk was not yet identified). */
  readonly scoreThen: number | null;
  /** `new` when identified since, else up, down or steady against `scoreThen`. */
  readonly trend: RiskTrend;
}

/** A scored position of a risk with its band (`risk-bands@1`). */
export interface ScoredPosition {
  readonly likelihood: number;
  readonly impact: number;
  readonly score: number;
  readonly band: RiskBand;
}

/** One row of the risk register (CLI.md, `assure risks --json`). */
export interface RiskRow {
  readonly id: string;
  readonly areaId: string | null;
  readonly title: string;
  readonly owner: string;
  readonly inherent: ScoredPosition;
  readonly current: ScoredPosition;
  readonly target: ScoredPosition;
  readonly trend: RiskTrend;
  /** The trend since the programme's last meeting; null when no meeting is known. */
  readonly trendSinceLastMeeting: TrendSinceLastMeeting | null;
  /** Controls recorded against the risk. */
  readonly controls: number;
  /** Each control and how well it works (null: not assessed), in the order added. */
  readonly controlEffectiveness: readonly ControlFacts[];
  /** The actions linked as mitigating the risk, with their state, in the order linked. */
  readonly mitigatingActions: readonly MitigatingActionRow[];
  /** The risk appetite recorded with the risk, null when none. */
  readonly appetite: string | null;
  /** The tolerance position recorded with the risk, null when none. */
  readonly tolerance: ScoredPosition | null;
  /** The current score is above the tolerance's; null without a tolerance. */
  readonly outsideTolerance: boolean | null;
  readonly nextReviewOn: string;
  /** Open, and the as-at day after the next review date. */
  readonly reviewOverdue: boolean;
  /** The body the risk is escalated to, or null. */
  readonly escalatedTo: string | null;
  readonly flags: readonly RiskFlag[];
  readonly status: 'open' | 'closed';
}

/** The normative `assure risks --json` document. */
export interface RiskRegisterDocument {
  readonly asAt: string;
  readonly rows: readonly RiskRow[];
  /** Counts of open risks by current score: `heatMap[likelihood - 1][impact - 1]`. */
  readonly heatMap: readonly (readonly number[])[];
}

/** Options of {@link riskRegister}. */
export interface RiskRegisterOptions {
  /** The day review-overdue flags are computed against. */
  readonly asAt: string;
  /** Only this programme's risks. */
  readonly programmeId?: string;
}

const scored = (p: ScorePair): ScoredPosition => {
  const s = score(p);
  return { likelihood: p.likelihood, impact: p.impact, score: s, band: riskBandsV1.band(s) };
};

function mitigating(
  id: string,
  actions: ActionsState | undefined,
  asAt: string,
): MitigatingActionRow {
  const a = actions?.get(id);
  if (a === undefined)
    return { id, title: null, status: null, percentComplete: null, dueOn: null, overdue: false };
  const open = a.status === 'planned' || a.status === 'reopened';
  return {
    id,
    title: a.title,
    status: a.status,
    percentComplete: a.status === 'completed' ? 100 : a.percentComplete,
    dueOn: a.dueOn,
    overdue: open && isAfterDay(asAt, a.dueOn),
  };
}

function trendSince(
  states: { readonly history?: HistoryState; readonly programmes?: ProgrammesState },
  riskId: string,
  programmeId: string,
  now: number,
  asAt: string,
): TrendSinceLastMeeting | null {
  const meetingOn = lastMeetingOn(states.programmes, programmeId, asAt);
  if (meetingOn === null) return null;
  // The last score whose day is not after the meeting's (days compared as isAfterDay does).
  const scoreThen = states.history?.scoreAt(`risk-${riskId}`, meetingOn) ?? null;
  return { meetingOn, scoreThen, trend: riskTrend(now, scoreThen ?? undefined) };
}

/**
 * The risk register: inherent, current and target positions with bands, trend, review
 * due at the as-at day, escalation, flags, status; and the 5x5 heat map of open risks.
 *
 * @example
 * const reg = riskRegister({ risks }, { asAt: '2019-03-15' });
 * reg.heatMap[3]?.[4]; // open risks at likelihood 4, impact 5
 */
export function riskRegister(
  states: {
    readonly risks: RisksState;
    readonly history?: HistoryState;
    readonly programmes?: ProgrammesState;
    readonly actions?: ActionsState;
  },
  options: RiskRegisterOptions,
): RiskRegisterDocument {
  const { asAt } = options;
  const heatMap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  const rows: RiskRow[] = [];
  for (const r of states.risks.values()) {
    if (options.programmeId !== undefined && r.programmeId !== options.programmeId) continue;
    const inherent = scored(r.inherent);
    const current = scored(r.current);
    const target = scored(r.target);
    const flags: RiskFlag[] = riskFlags(r);
    const history = factsOf(states.history, 'risk', r.id);
    const tolerancePair = history?.tolerance ?? null;
    const tolerance = tolerancePair === null ? null : scored(tolerancePair);
    const open = r.status === 'open';
    if (open) {
      const row = heatMap[r.current.likelihood - 1];
      if (row !== undefined && r.current.impact >= 1 && r.current.impact <= 5)
        row[r.current.impact - 1] = (row[r.current.impact - 1] ?? 0) + 1;
    }
    rows.push({
      id: r.id,
      areaId: r.areaId,
      title: r.title,
      owner: r.owner,
      inherent,
      current,
      target,
      trend: riskTrend(current.score, r.previousScore ?? undefined),
      trendSinceLastMeeting: trendSince(states, r.id, r.programmeId, current.score, asAt),
      controls: r.controls,
      // A copy: a document never shares an array with the view's state.
      controlEffectiveness: history === undefined ? [] : history.controls.slice(),
      mitigatingActions: (history?.mitigatingActions ?? []).map((id) =>
        mitigating(id, states.actions, asAt),
      ),
      appetite: history?.appetite ?? null,
      tolerance,
      outsideTolerance: tolerance === null ? null : current.score > tolerance.score,
      nextReviewOn: r.nextReviewOn,
      reviewOverdue: isReviewOverdue(r, asAt),
      escalatedTo: r.escalatedTo,
      flags,
      status: r.status,
    });
  }
  return { asAt, rows, heatMap };
}
