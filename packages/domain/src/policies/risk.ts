import type { Rating } from '../codec/vocabulary';

/** A likelihood x impact pair (plain numbers, so views may use it too). */
export interface Scored {
  readonly likelihood: number;
  readonly impact: number;
}

/** Score = likelihood x impact (1-25 for valid levels). */
export const score = (a: Scored): number => a.likelihood * a.impact;

/** A risk band. */
export type RiskBand = 'low' | 'medium' | 'high';

/** A named, versioned way of banding risk scores. */
export interface RiskBandPolicy {
  /** The policy's name, e.g. `risk-bands@1`; reports print it. */
  readonly name: string;
  /** The band of a score. */
  band(score: number): RiskBand;
  /** The colour of a band. */
  colour(band: RiskBand): Rating;
}

/**
 * Default bands `risk-bands@1`: 1-4 low (green), 5-10 medium (amber), 12-25 high (red).
 * (11 is not a possible score; any score above 10 is high.)
 *
 * @example riskBandsV1.band(12) // 'high'
 */
export const riskBandsV1: RiskBandPolicy = {
  name: 'risk-bands@1',
  band: (s) => (s <= 4 ? 'low' : s <= 10 ? 'medium' : 'high'),
  colour: (b) => (b === 'low' ? 'green' : b === 'medium' ? 'amber' : 'red'),
};

/** Trend of a risk's current score against the score before its last rescore. */
export type RiskTrend = 'up' | 'down' | 'steady' | 'new';

/** The trend: `new` before any rescore, else comparing current with the previous score. */
export const riskTrend = (current: number, previous: number | undefined): RiskTrend =>
  previous === undefined
    ? 'new'
    : current > previous
      ? 'up'
      : current < previous
        ? 'down'
        : 'steady';

/** Flags raised on a risk whose scores are allowed but odd. */
export type RiskFlag = 'target-above-current' | 'current-above-inherent';

/** The flags of a risk: target above current, current above inherent. */
export function riskFlags(risk: {
  readonly inherent: Scored;
  readonly current: Scored;
  readonly target: Scored;
}): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (score(risk.target) > score(risk.current)) flags.push('target-above-current');
  if (score(risk.current) > score(risk.inherent)) flags.push('current-above-inherent');
  return flags;
}
