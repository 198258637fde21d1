import type { RuleViolated } from '../errors';
import { ruleViolated } from '../errors';
import type { ProgrammeState } from './state';

/**
 * Checks that a programme exists and, when given, that areas exist in it (and, with
 * `mustBeActive`, are not retired). Null when all is well. The adviser, recommendation,
 * action and risk deciders call it on the programme their command names.
 */
export function checkAreas(
  programme: ProgrammeState | undefined,
  programmeId: string,
  areaIds: readonly string[],
  mustBeActive: boolean,
): RuleViolated | null {
  if (programme === undefined || programme.status === 'none')
    return ruleViolated('reference-missing', `programme-${programmeId} does not exist`);
  for (const areaId of areaIds) {
    const area = programme.areas.get(areaId);
    if (area === undefined)
      return ruleViolated(
        'reference-missing',
        `area ${areaId} is not defined in programme-${programmeId}`,
      );
    if (mustBeActive && area.retired)
      return ruleViolated('area-retired', `area ${areaId} of programme-${programmeId} is retired`);
  }
  return null;
}
