import { addDays, CriteriaSetName, criteriaSets, isAfterDay } from '@assure/domain';
import type { JudgementFacts, OutputFacts, PhaseFacts, StocktakeFacts } from './facts';
import type { ProgrammesState } from './views';

/** Which way a criterion's rating moved between its last two judgements. */
export type JudgementTrend = 'new' | 'improved' | 'declined' | 'unchanged';

/** The latest judgement of one criterion, its narrative and its trend. */
export interface CriterionRow {
  readonly criterion: string;
  /** The criterion's title in the set of the stocktake that judged it, null when unknown. */
  readonly title: string | null;
  readonly stocktakeId: string;
  readonly rating: string;
  readonly narrative: string;
  readonly assessedOn: string;
  /** The rating of the judgement before it, null when it is the first. */
  readonly previousRating: string | null;
  readonly trend: JudgementTrend;
}

/** One programme's stocktakes, judgements, phases and bodies' outputs at the as-at day. */
export interface ProgrammeStocktakes {
  readonly programmeId: string;
  /** The phases, each with its start (null: not recorded) and its last day (null: current). */
  readonly phases: readonly (PhaseFacts & { readonly endsOn: string | null })[];
  /** The stocktakes recorded as such, by the day held. */
  readonly stocktakes: readonly StocktakeFacts[];
  /** Per criterion, the latest judgement and its trend. */
  readonly criteria: readonly CriterionRow[];
  /** The letters and reports bodies issued, by day. */
  readonly outputs: readonly OutputFacts[];
}

/** The `assure stocktakes --json` document. */
export interface StocktakesDocument {
  readonly asAt: string;
  readonly programmes: readonly ProgrammeStocktakes[];
}

const RANK: Readonly<Record<string, number>> = { red: 0, amber: 1, green: 2 };

/** The trend between two ratings: better (green over amber over red), worse or the same. */
export function judgementTrend(now: string, before: string | null): JudgementTrend {
  if (before === null) return 'new';
  const a = RANK[now] ?? 0;
  const b = RANK[before] ?? 0;
  return a > b ? 'improved' : a < b ? 'declined' : 'unchanged';
}

const titleOf = (criterion: string, set: string | undefined): string | null => {
  if (set === undefined || !CriteriaSetName.is(set)) return null;
  const titles: Readonly<Record<string, string | undefined>> = criteriaSets[set];
  return titles[criterion] ?? null;
};

function criteriaRows(
  judgements: readonly JudgementFacts[],
  sets: ReadonlyMap<string, string>,
  asAt: string,
): CriterionRow[] {
  const byCriterion = new Map<string, JudgementFacts[]>();
  for (const j of judgements) {
    if (isAfterDay(j.assessedOn, asAt)) continue;
    const list = byCriterion.get(j.criterion) ?? [];
    list.push(j);
    byCriterion.set(j.criterion, list);
  }
  const rows: CriterionRow[] = [];
  for (const [criterion, list] of byCriterion) {
    // Stable by day: judgements of one day keep their log order.
    const sorted = [...list].sort((x, y) =>
      x.assessedOn < y.assessedOn ? -1 : x.assessedOn > y.assessedOn ? 1 : 0,
    );
    const latest = sorted[sorted.length - 1];
    if (latest === undefined) continue;
    const previous = sorted.length > 1 ? (sorted[sorted.length - 2]?.rating ?? null) : null;
    rows.push({
      criterion,
      title: titleOf(criterion, sets.get(latest.stocktakeId)),
      stocktakeId: latest.stocktakeId,
      rating: latest.rating,
      narrative: latest.narrative,
      assessedOn: latest.assessedOn,
      previousRating: previous,
      trend: judgementTrend(latest.rating, previous),
    });
  }
  return rows;
}

/**
 * Each programme's stocktakes (period, assessor, findings, overall rating), the latest
 * judgement of each criterion with its narrative and trend against the judgement before,
 * the phases with their start and end days, and the letters and reports bodies issued.
 *
 * @example
 * const doc = stocktakeReport({ programmes }, { asAt: '2019-10-31' });
 * doc.programmes[0]?.criteria.map((c) => `${c.criterion}: ${c.rating} (${c.trend})`);
 */
export function stocktakeReport(
  states: { readonly programmes: ProgrammesState },
  options: { readonly asAt: string; readonly programmeId?: string },
): StocktakesDocument {
  const { asAt } = options;
  const programmes: ProgrammeStocktakes[] = [];
  for (const p of states.programmes.values()) {
    if (options.programmeId !== undefined && p.id !== options.programmeId) continue;
    const stocktakes = p.stocktakes
      .filter((s) => !isAfterDay(s.heldOn, asAt))
      .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : 0));
    const sets = new Map(p.stocktakes.map((s) => [s.stocktakeId, s.criteriaSet]));
    const phases = p.phases.map((ph, i) => {
      const next = p.phases[i + 1];
      // A phase ends the day before the next one starts (its start day, or the day of the
      // change when no start day was recorded).
      const endsOn = next === undefined ? null : addDays(next.startsOn ?? next.changedOn, -1);
      return { ...ph, endsOn };
    });
    programmes.push({
      programmeId: p.id,
      phases,
      stocktakes,
      criteria: criteriaRows(p.judgements, sets, asAt),
      outputs: p.outputs
        .filter((o) => !isAfterDay(o.issuedOn, asAt))
        .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0)),
    });
  }
  return { asAt, programmes };
}
