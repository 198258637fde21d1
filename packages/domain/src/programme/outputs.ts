// The programme's own records beyond areas, bodies and meetings: stocktakes (period,
// assessor, findings, overall rating, the criteria set judged against), the letters and
// reports bodies issue, standing observers, and the handover of a body's open
// recommendations to its successor. Pure rules, one function per command.
import type { CommandsOf, Decision, Facts } from '../decision';
import { emit, idTaken, refuseRule } from '../decision';
import type { CriteriaSets } from '../codec/vocabulary';
import { criteriaSets as builtInCriteriaSets } from '../codec/vocabulary';
import { isRecommendationOpen } from '../policies/status';
import type { RecommendationState } from '../recommendation/state';
import { dayOf, isAfterDay, isBeforeDay } from '../time';
import type { EstablishedProgramme } from './state';

/** What the programme decider reads from other streams. */
export interface ProgrammeFacts extends Facts {
  /** The recommendations HandOverRecommendations names, as folded (absent ones left out). */
  readonly recommendations?: ReadonlyMap<string, RecommendationState>;
  /** The criteria sets a stocktake may judge against (default: the built-in ones). */
  readonly criteriaSets?: CriteriaSets;
}

/** A day given on the command may not be after the day the command is issued. */
function notFuture(field: string, day: string, f: Facts): Decision | null {
  const today = dayOf(f.issuer.occurredAt);
  return isAfterDay(day, today)
    ? refuseRule(
        'day-not-future',
        `data.${field}: ${day} is after the command's day ${today}; record it once it has happened`,
      )
    : null;
}

const missingBody = (field: string, bodyId: string, programmeId: string): Decision =>
  refuseRule(
    'reference-missing',
    `data.${field}: body ${bodyId} does not exist in programme-${programmeId}`,
  );

/**
 * RecordStocktake: a new stocktake id (`stocktake-id-unique`), its period in order
 * (`stocktake-period`: start on or before end, held on or after the start), not held after
 * the command's day (`day-not-future`), its criteria set one of the configured sets
 * (`criteria-set-known`), the body named existing (`reference-missing`), and a panel's
 * stocktake made by an improvement panel (`assessor-body`).
 */
export function recordStocktake(
  c: CommandsOf<'RecordStocktake'>,
  s: EstablishedProgramme,
  f: ProgrammeFacts,
): Decision {
  const d = c.data;
  const taken = idTaken(
    s.stocktakes,
    'stocktake',
    d.stocktakeId,
    'is already recorded',
    'data.stocktakeId',
  );
  if (taken !== null) return taken;
  if (isAfterDay(d.periodStart, d.periodEnd))
    return refuseRule(
      'stocktake-period',
      `data.periodEnd: ${d.periodEnd} is before the period's start ${d.periodStart}`,
    );
  if (isBeforeDay(d.heldOn, d.periodStart))
    return refuseRule(
      'stocktake-period',
      `data.heldOn: ${d.heldOn} is before the period's start ${d.periodStart}`,
    );
  const future = notFuture('heldOn', d.heldOn, f);
  if (future !== null) return future;
  const sets: CriteriaSets = f.criteriaSets ?? builtInCriteriaSets;
  if (sets[d.criteriaSet] === undefined)
    return refuseRule(
      'criteria-set-known',
      `data.criteriaSet: ${d.criteriaSet} is not a configured criteria set (${Object.keys(sets).join(', ')})`,
    );
  const body = d.bodyId === undefined ? undefined : s.bodies.get(d.bodyId);
  if (d.bodyId !== undefined && body === undefined)
    return missingBody('bodyId', d.bodyId, d.programmeId);
  if (d.assessor === 'panel' && body?.kind !== 'improvement-panel')
    return refuseRule(
      'assessor-body',
      `data.bodyId: a panel's stocktake names the improvement panel that made it (${d.bodyId ?? 'none given'})`,
    );
  return emit({ type: 'StocktakeRecorded', data: d });
}

/**
 * The criterion of an assessment in a recorded stocktake belongs to that stocktake's
 * criteria set (`criterion-in-set`); for a stocktake never recorded (histories from before
 * `RecordStocktake`), to one of the configured sets. Null when it does.
 */
export function criterionOutOfSet(
  c: CommandsOf<'AssessCriterion'>,
  s: EstablishedProgramme,
  f: ProgrammeFacts,
): Decision | null {
  const sets: CriteriaSets = f.criteriaSets ?? builtInCriteriaSets;
  const stocktake = s.stocktakes.get(c.data.stocktakeId);
  if (stocktake === undefined)
    return Object.values(sets).some((set) => set[c.data.criterion] !== undefined)
      ? null
      : refuseRule(
          'criterion-in-set',
          `data.criterion: ${c.data.criterion} is a criterion of no configured set (${Object.keys(sets).join(', ')})`,
        );
  return sets[stocktake.criteriaSet]?.[c.data.criterion] === undefined
    ? refuseRule(
        'criterion-in-set',
        `data.criterion: ${c.data.criterion} is not a criterion of ${stocktake.criteriaSet}, the set stocktake ${c.data.stocktakeId} judges against`,
      )
    : null;
}

/**
 * IssueBodyOutput: the body issuing exists (`reference-missing`; a dissolved body may still
 * issue, since a final letter or report can follow its last meeting), the output id is new
 * (`output-id-unique`), and it is not dated after the command's day (`day-not-future`).
 */
export function issueOutput(
  { data: d }: CommandsOf<'IssueBodyOutput'>,
  s: EstablishedProgramme,
  f: Facts,
): Decision {
  if (!s.bodies.has(d.from)) return missingBody('from', d.from, d.programmeId);
  return (
    idTaken(s.outputs, 'output', d.outputId, 'is already recorded', 'data.outputId') ??
    notFuture('issuedOn', d.issuedOn, f) ??
    emit({ type: 'BodyOutputIssued', data: d })
  );
}

/**
 * AddStandingObserver: the body exists (`reference-missing`) and is active (`body-active`);
 * an observer is added once (`observer-once`).
 */
export function addObserver(
  c: CommandsOf<'AddStandingObserver'>,
  s: EstablishedProgramme,
): Decision {
  const d = c.data;
  const body = s.bodies.get(d.bodyId);
  if (body === undefined) return missingBody('bodyId', d.bodyId, d.programmeId);
  if (!body.active) return refuseRule('body-active', `data.bodyId: body ${d.bodyId} is dissolved`);
  if (body.observers.has(d.observer))
    return refuseRule('observer-once', `data.observer: ${d.observer} already observes ${d.bodyId}`);
  return emit({ type: 'StandingObserverAdded', data: d });
}

/**
 * HandOverRecommendations: both bodies exist (`reference-missing`) and differ
 * (`handover-differs`); the successor is active (`body-active`); at least one
 * recommendation (`handover-nonempty`), each raised in this programme (`reference-missing`)
 * and open (`handover-open-only`); not dated after the command's day (`day-not-future`).
 */
export function handOver(
  c: CommandsOf<'HandOverRecommendations'>,
  s: EstablishedProgramme,
  f: ProgrammeFacts,
): Decision {
  const d = c.data;
  if (!s.bodies.has(d.fromBodyId)) return missingBody('fromBodyId', d.fromBodyId, d.programmeId);
  const to = s.bodies.get(d.toBodyId);
  if (to === undefined) return missingBody('toBodyId', d.toBodyId, d.programmeId);
  if (d.fromBodyId === d.toBodyId)
    return refuseRule('handover-differs', `data.toBodyId: a body cannot hand over to itself`);
  if (!to.active)
    return refuseRule('body-active', `data.toBodyId: the successor ${d.toBodyId} is dissolved`);
  if (d.recommendationIds.length === 0)
    return refuseRule(
      'handover-nonempty',
      'data.recommendationIds: name at least one recommendation',
    );
  for (const id of d.recommendationIds) {
    const r = f.recommendations?.get(id);
    if (r === undefined || r.status === 'none' || r.programmeId !== d.programmeId)
      return refuseRule(
        'reference-missing',
        `data.recommendationIds: recommendation-${id} is not raised in programme-${d.programmeId}`,
      );
    if (!isRecommendationOpen(r.status))
      return refuseRule(
        'handover-open-only',
        `data.recommendationIds: recommendation-${id} is ${r.status}; only open ones are handed over`,
      );
  }
  return (
    notFuture('handedOverOn', d.handedOverOn, f) ??
    emit({ type: 'RecommendationsHandedOver', data: d })
  );
}

/**
 * ChangePhase with a start day: it comes after the current phase's start when that was
 * recorded (`phase-start-order`) and not after the command's day (`day-not-future`).
 */
export function phaseStartRefused(
  c: CommandsOf<'ChangePhase'>,
  s: EstablishedProgramme,
  f: Facts,
): Decision | null {
  const startsOn = c.data.startsOn;
  if (startsOn === undefined) return null;
  if (s.phaseStartsOn !== null && !isAfterDay(startsOn, s.phaseStartsOn))
    return refuseRule(
      'phase-start-order',
      `data.startsOn: ${startsOn} is not after the current phase's start ${s.phaseStartsOn}`,
    );
  return notFuture('startsOn', startsOn, f);
}
