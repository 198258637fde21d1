import type { Rating } from '../codec/vocabulary';
import type { CountingRule } from './counting';
import type { AreaItems, RagPolicy, RagPolicyName } from './rag';

/**
 * A `slippage@N` policy: the worst open item's days past due at `asAt` (as `worstDays`
 * counts them) decides: none past -> green, 1-31 days -> amber, more -> red.
 */
export const slippagePolicy = (
  name: RagPolicyName,
  counting: CountingRule,
  worstDays: (items: AreaItems, asAt: string) => number,
): RagPolicy => ({
  name,
  counting,
  rate: (items, asAt): Rating => {
    const days = worstDays(items, asAt);
    return days <= 0 ? 'green' : days <= 31 ? 'amber' : 'red';
  },
});
