import { commandCodecs, commandTypes, type CommandType } from '@assure/domain';
import { describeRecord, kebab, type FieldSchema } from './describe';

/** Where a domain command lives on the command line: `assure <noun> <verb>`. */
export interface CommandPlace {
  readonly noun: string;
  readonly verb: string;
}

/**
 * The `<noun> <verb>` of every domain command. Typed over the domain's command types, so a
 * new command fails to compile here until it is given a place.
 */
export const COMMAND_PLACES: { readonly [K in CommandType]: CommandPlace } = {
  EstablishProgramme: { noun: 'programme', verb: 'establish' },
  ChangePhase: { noun: 'programme', verb: 'change-phase' },
  DefinePriorityArea: { noun: 'area', verb: 'define' },
  RetirePriorityArea: { noun: 'area', verb: 'retire' },
  ConstituteBody: { noun: 'body', verb: 'constitute' },
  DissolveBody: { noun: 'body', verb: 'dissolve' },
  RecordMeeting: { noun: 'meeting', verb: 'record' },
  SubmitProgressReport: { noun: 'progress-report', verb: 'submit' },
  AssessCriterion: { noun: 'stocktake', verb: 'assess' },
  RecordStocktake: { noun: 'stocktake', verb: 'record' },
  IssueBodyOutput: { noun: 'body', verb: 'issue' },
  AddStandingObserver: { noun: 'body', verb: 'add-observer' },
  HandOverRecommendations: { noun: 'body', verb: 'hand-over' },
  AppointAdviser: { noun: 'adviser', verb: 'appoint' },
  ReassignAdviser: { noun: 'adviser', verb: 'reassign' },
  SubmitAdviserReport: { noun: 'adviser', verb: 'report' },
  StandDownAdviser: { noun: 'adviser', verb: 'stand-down' },
  RaiseRecommendation: { noun: 'rec', verb: 'raise' },
  ExtendConsiderationPeriod: { noun: 'rec', verb: 'extend-consideration' },
  RespondToRecommendation: { noun: 'rec', verb: 'respond' },
  RecordStatutoryRecommendationSent: { noun: 'rec', verb: 'record-sent' },
  PublishStatutoryNotice: { noun: 'rec', verb: 'publish-notice' },
  NotifyAuditor: { noun: 'rec', verb: 'notify-auditor' },
  AssignRecommendationOwner: { noun: 'rec', verb: 'assign-owner' },
  RequestRecommendationExtension: { noun: 'rec', verb: 'request-extension' },
  DeclineRecommendationExtension: { noun: 'rec', verb: 'decline-extension' },
  ReviseRecommendationDueDate: { noun: 'rec', verb: 'revise-due-date' },
  ClaimImplementation: { noun: 'rec', verb: 'claim' },
  VerifyImplementation: { noun: 'rec', verb: 'verify' },
  CloseRecommendation: { noun: 'rec', verb: 'close' },
  WithdrawRecommendation: { noun: 'rec', verb: 'withdraw' },
  ReopenRecommendation: { noun: 'rec', verb: 'reopen' },
  PlanAction: { noun: 'action', verb: 'plan' },
  RecordActionProgress: { noun: 'action', verb: 'progress' },
  ReassignActionLead: { noun: 'action', verb: 'reassign-lead' },
  ReviseActionDueDate: { noun: 'action', verb: 'revise-due-date' },
  CompleteAction: { noun: 'action', verb: 'complete' },
  ReopenAction: { noun: 'action', verb: 'reopen' },
  CancelAction: { noun: 'action', verb: 'cancel' },
  IdentifyRisk: { noun: 'risk', verb: 'identify' },
  RescoreRisk: { noun: 'risk', verb: 'rescore' },
  SetRiskTarget: { noun: 'risk', verb: 'set-target' },
  ReassignRiskOwner: { noun: 'risk', verb: 'reassign-owner' },
  AddRiskControl: { noun: 'risk', verb: 'add-control' },
  EscalateRisk: { noun: 'risk', verb: 'escalate' },
  DeescalateRisk: { noun: 'risk', verb: 'deescalate' },
  CloseRisk: { noun: 'risk', verb: 'close' },
  ReopenRisk: { noun: 'risk', verb: 'reopen' },
  LinkMitigatingAction: { noun: 'risk', verb: 'link-action' },
  SealLedger: { noun: 'ledger', verb: 'seal' },
};

/** One command-line flag of a domain command, and where its value goes in the command's data. */
export interface FlagSchema {
  /** `--risk-id`, `--inherent-likelihood`. */
  readonly flag: string;
  /** Path in the data: `['riskId']`, `['inherent', 'likelihood']`. */
  readonly path: readonly string[];
  readonly required: boolean;
  /** How the value is read: one value, a number, a repeatable list, a repeatable evidence item. */
  readonly read: 'text' | 'integer' | 'list' | 'evidence';
  /** The codec's name and, for enumerations, the values. */
  readonly codec: string;
  readonly values?: readonly string[];
}

/** A domain command as the CLI offers it. */
export interface CommandSchema {
  readonly type: CommandType;
  readonly place: CommandPlace;
  readonly fields: readonly FieldSchema[];
  readonly flags: readonly FlagSchema[];
}

function flagsOf(fields: readonly FieldSchema[], prefix: readonly string[]): FlagSchema[] {
  const out: FlagSchema[] = [];
  for (const f of fields) {
    const path = [...prefix, f.name];
    const flag = `--${path.map(kebab).join('-')}`;
    const base = { flag, path, required: f.required, codec: f.codec };
    switch (f.kind._tag) {
      case 'text':
        out.push({ ...base, read: 'text' });
        break;
      case 'integer':
        out.push({ ...base, read: 'integer' });
        break;
      case 'enum':
        out.push({ ...base, read: 'text', values: f.kind.values });
        break;
      case 'list':
        out.push({ ...base, read: f.kind.of === 'text' ? 'list' : 'evidence' });
        break;
      case 'object':
        out.push(
          ...flagsOf(f.kind.fields, path).map((s) => ({
            ...s,
            required: s.required && f.required,
          })),
        );
        break;
      default: {
        const never: never = f.kind;
        return never;
      }
    }
  }
  return out;
}

/**
 * Every domain command with its place and flags, derived from the domain's codecs.
 *
 * @example
 * commandSchemas().find((c) => c.type === 'RescoreRisk')?.flags.map((f) => f.flag);
 * // ['--risk-id', '--likelihood', '--impact', '--rationale', '--next-review-on']
 */
export function commandSchemas(): readonly CommandSchema[] {
  return commandTypes.map((type) => {
    const fields = describeRecord(commandCodecs[type]);
    return { type, place: COMMAND_PLACES[type], fields, flags: flagsOf(fields, []) };
  });
}
