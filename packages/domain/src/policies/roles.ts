import * as E from 'fp-ts/Either';
import type { Command, CommandType } from '../commands';
import type { Forbidden } from '../errors';
import { forbidden } from '../errors';
import type { Issuer } from '../model';

/** The roles `roles@1` knows. `system` (imports, migrations) may issue any command. */
export type Role = 'admin' | 'officer' | 'auditor' | 'board' | 'adviser' | 'system';

/** Every role of `roles@1`. */
export const roles: readonly Role[] = ['admin', 'officer', 'auditor', 'board', 'adviser', 'system'];

/**
 * A replaceable, named authorization policy: decides from the command and its issuer alone,
 * before anything is read. An embedding app may supply its own to `makeDomainModel`.
 */
export interface AuthorizationPolicy {
  /** The policy's name, e.g. `roles@1`. */
  readonly name: string;
  /** Right when the issuer's role may issue the command. */
  authorize(command: Command, issuer: Issuer): E.Either<Forbidden, void>;
}

const ADMIN: readonly Role[] = ['admin'];
const ADMIN_OFFICER: readonly Role[] = ['admin', 'officer'];
const BOARD_ADMIN: readonly Role[] = ['board', 'admin'];
const OFFICER_ADMIN: readonly Role[] = ['officer', 'admin'];
const REVIEWERS: readonly Role[] = ['board', 'auditor', 'adviser'];
const ESCALATORS: readonly Role[] = ['officer', 'adviser', 'board'];

/**
 * The roles table of `roles@1` (DOMAIN.md), by command: who may issue it at all. Some rows
 * add conditions on the data, applied by {@link rolesV1}: RaiseRecommendation (statutory only
 * by the auditor; officers only for sources internal-audit, service-review, other),
 * SubmitAdviserReport (only the adviser themself). WithdrawRecommendation of a statutory
 * recommendation by the auditor only needs the recommendation's state, so the
 * recommendation decider checks it (Forbidden as well), and so it checks that an adviser does
 * not verify or reopen a recommendation of the improvement panel or the external auditor.
 */
export const rolesV1Table: { readonly [K in CommandType]: readonly Role[] } = {
  EstablishProgramme: ADMIN,
  ChangePhase: ADMIN,
  DefinePriorityArea: ADMIN,
  RetirePriorityArea: ADMIN,
  ConstituteBody: ADMIN,
  DissolveBody: ADMIN,
  AppointAdviser: ADMIN,
  ReassignAdviser: ADMIN,
  StandDownAdviser: ADMIN,
  RecordMeeting: ADMIN_OFFICER,
  SubmitProgressReport: ADMIN_OFFICER,
  AssessCriterion: ADMIN_OFFICER,
  RecordStocktake: ADMIN_OFFICER,
  IssueBodyOutput: ['admin', 'officer', 'board'],
  AddStandingObserver: ADMIN,
  HandOverRecommendations: ADMIN,
  SubmitAdviserReport: ['adviser'],
  RaiseRecommendation: ['auditor', 'board', 'adviser', 'officer'],
  ExtendConsiderationPeriod: ['auditor'],
  RecordStatutoryRecommendationSent: ['auditor'],
  PublishStatutoryNotice: ['officer', 'admin', 'board'],
  NotifyAuditor: ['officer', 'admin', 'board'],
  RespondToRecommendation: BOARD_ADMIN,
  DeclineRecommendationExtension: BOARD_ADMIN,
  ReviseRecommendationDueDate: BOARD_ADMIN,
  ReviseActionDueDate: BOARD_ADMIN,
  CancelAction: BOARD_ADMIN,
  WithdrawRecommendation: ['board', 'admin', 'auditor'],
  AssignRecommendationOwner: OFFICER_ADMIN,
  RequestRecommendationExtension: OFFICER_ADMIN,
  ClaimImplementation: OFFICER_ADMIN,
  PlanAction: OFFICER_ADMIN,
  RecordActionProgress: OFFICER_ADMIN,
  ReassignActionLead: OFFICER_ADMIN,
  CompleteAction: OFFICER_ADMIN,
  ReopenAction: OFFICER_ADMIN,
  IdentifyRisk: OFFICER_ADMIN,
  RescoreRisk: OFFICER_ADMIN,
  SetRiskTarget: OFFICER_ADMIN,
  ReassignRiskOwner: OFFICER_ADMIN,
  AddRiskControl: OFFICER_ADMIN,
  CloseRisk: OFFICER_ADMIN,
  ReopenRisk: OFFICER_ADMIN,
  LinkMitigatingAction: OFFICER_ADMIN,
  VerifyImplementation: REVIEWERS,
  CloseRecommendation: REVIEWERS,
  ReopenRecommendation: REVIEWERS,
  EscalateRisk: ESCALATORS,
  DeescalateRisk: ESCALATORS,
  SealLedger: ['admin', 'auditor'],
};

const OFFICER_SOURCES: ReadonlySet<string> = new Set(['internal-audit', 'service-review', 'other']);

const ok: E.Either<Forbidden, void> = E.right(undefined);

/**
 * Authorization `roles@1`, the default policy (see {@link rolesV1Table}).
 *
 * @example
 * rolesV1.authorize(
 *   { type: 'CloseRisk', data: { riskId: 'equal-pay', reason: 'Settled' } },
 *   { actor: 'auditor-gt', role: 'auditor', occurredAt: '2019-03-12T00:00:00.000Z' },
 * ); // left Forbidden
 */
export const rolesV1: AuthorizationPolicy = {
  name: 'roles@1',
  authorize(command, issuer) {
    const role = issuer.role;
    if (role === 'system') return ok;
    const allowed = rolesV1Table[command.type] as readonly string[];
    if (!allowed.includes(role)) return E.left(forbidden(role, command.type));
    if (command.type === 'RaiseRecommendation') {
      const { classification, source } = command.data;
      if (role === 'auditor') return ok;
      if (classification === 'statutory')
        return E.left(
          forbidden(role, command.type, 'statutory recommendations come only from the auditor'),
        );
      if (role === 'officer' && !OFFICER_SOURCES.has(source))
        return E.left(
          forbidden(
            role,
            command.type,
            'officers may raise only internal-audit, service-review or other recommendations',
          ),
        );
      return ok;
    }
    if (command.type === 'SubmitAdviserReport' && issuer.actor !== command.data.adviserId)
      return E.left(forbidden(role, command.type, 'an adviser submits only their own reports'));
    return ok;
  },
};

/** A policy that allows everything (for tests and trusted tools). */
export const allowAll: AuthorizationPolicy = {
  name: 'allow-all',
  authorize: () => ok,
};
