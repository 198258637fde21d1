import { createScript, type ScriptLine } from './script';
import { castOf } from './journey/cast';
import { kerslakeReview2014 } from './journey/2014-kerslake-review';
import { panelSetUp2015 } from './journey/2015-panel-set-up';
import { firstVerdicts2015 } from './journey/2015-first-verdicts';
import { kerslakeClosed2016 } from './journey/2016-kerslake-closed';
import { wasteDispute2017 } from './journey/2017-waste-dispute';
import { electionsAndStocktake2018 } from './journey/2018-elections-and-stocktake';
import { statutoryRecommendations2018 } from './journey/2018-statutory-recommendations';
import { panelStepsDown2019 } from './journey/2019-panel-steps-down';
import { transition2019 } from './journey/2019-transition';
import { assuranceFramework2019 } from './journey/2019-assurance-framework';

/**
 * Birmingham City Council's improvement journey, December 2014 to October 2019, as the
 * commands a programme office would have issued. Dates, people and bodies follow the
 * sources in the project's context documents; where they give no detail (most scores,
 * due dates, wording of recommendations, actor pseudonyms, evidence links) the detail is
 * invented and marked as such in the README.
 *
 * Each phase lives in its own module under `journey/`, in date order; the cast (who issues
 * what) is in `journey/cast.ts` and the repeated shapes in `journey/steps.ts`.
 */

export { PROGRAMME_ID } from './journey/cast';

/** The phases of the journey, in the order they are applied. */
const phases = [
  kerslakeReview2014,
  panelSetUp2015,
  firstVerdicts2015,
  kerslakeClosed2016,
  wasteDispute2017,
  electionsAndStocktake2018,
  statutoryRecommendations2018,
  panelStepsDown2019,
  transition2019,
  assuranceFramework2019,
] as const;

/** Builds the journey's command lines, in the order they are to be applied. */
export function buildJourney(): readonly ScriptLine[] {
  const s = createScript('bham');
  const j = castOf(s);
  for (const phase of phases) phase(j);
  return s.lines();
}
