import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import {
  alreadyExists,
  domainModel,
  forbidden,
  notFound,
  Id,
  strict,
  Text,
  toFieldErrors,
  type AggregateState,
  type Command,
  type DomainError,
  type DomainEvent,
  type DomainModel,
  type ValidationFailed,
} from '@assure/domain';

/** The app's own command: a question from the public, asked at a meeting of an oversight body. */
export const RecordPublicQuestion = strict(
  { questionId: Id, programmeId: Id, meetingId: Id, askedBy: Text, question: Text },
  { answer: Text },
  'RecordPublicQuestion',
);
/** The app's own command's data. */
export type RecordPublicQuestion = t.TypeOf<typeof RecordPublicQuestion>;

/** The app's own event (same fields as its command). */
export const PublicQuestionRecorded = RecordPublicQuestion;
/** The app's own event's data. */
export type PublicQuestionRecorded = RecordPublicQuestion;

/** Commands of the app: the domain's and its own. */
export type AppCommand =
  Command | { readonly type: 'RecordPublicQuestion'; readonly data: RecordPublicQuestion };
/** Events of the app: the domain's and its own. */
export type AppEvent =
  DomainEvent | { readonly type: 'PublicQuestionRecorded'; readonly data: PublicQuestionRecorded };
/** The state of a `question-<id>` stream. */
export interface QuestionState {
  readonly kind: 'question';
  readonly recorded: boolean;
}
/** States of the app: the domain's aggregates and questions. */
export type AppState = AggregateState | QuestionState;

const isQuestionState = (s: AppState): s is QuestionState => s.kind === 'question';

const invalid = (errors: t.Errors): ValidationFailed => {
  const fields = toFieldErrors(errors).map((f) => ({
    ...f,
    path: f.path === '' ? 'data' : `data.${f.path}`,
  }));
  return {
    _tag: 'ValidationFailed',
    errors: fields,
    message: fields.map((f) => `${f.path}: ${f.message}`).join('; '),
  };
};

const isOwn = (u: unknown): boolean =>
  typeof u === 'object' && u !== null && (u as { type?: unknown }).type === 'RecordPublicQuestion';

/**
 * The domain model extended with the app's command: everything else is delegated to
 * `domainModel` unchanged (rules, authorization `roles@1`, codecs).
 */
export const appModel: DomainModel<AppCommand, AppEvent, AppState, DomainError> = {
  decodeCommand(input) {
    if (!isOwn(input)) return domainModel.decodeCommand(input);
    const data = RecordPublicQuestion.decode((input as { data?: unknown }).data);
    return E.isLeft(data)
      ? E.left(invalid(data.left))
      : E.right({ type: 'RecordPublicQuestion', data: data.right });
  },
  decodeEvent(type, schemaVersion, data) {
    if (type !== 'PublicQuestionRecorded')
      return domainModel.decodeEvent(type, schemaVersion, data);
    const d = PublicQuestionRecorded.decode(data);
    return E.isLeft(d)
      ? E.left(invalid(d.left))
      : E.right({ type: 'PublicQuestionRecorded', data: d.right });
  },
  schemaVersionOf(type) {
    return type === 'PublicQuestionRecorded' ? 1 : domainModel.schemaVersionOf(type);
  },
  route(command) {
    return command.type === 'RecordPublicQuestion'
      ? { stream: `question-${command.data.questionId}`, related: [] }
      : domainModel.route(command);
  },
  authorize(command, issuer) {
    if (command.type !== 'RecordPublicQuestion') return domainModel.authorize(command, issuer);
    return issuer.role === 'officer' || issuer.role === 'admin' || issuer.role === 'system'
      ? E.right(undefined)
      : E.left(
          forbidden(issuer.role, command.type, 'only officers and admins record public questions'),
        );
  },
  initialState(stream) {
    return stream.startsWith('question-')
      ? { kind: 'question', recorded: false }
      : domainModel.initialState(stream);
  },
  evolve(state, event) {
    if (event.type === 'PublicQuestionRecorded') return { kind: 'question', recorded: true };
    return isQuestionState(state) ? state : domainModel.evolve(state, event);
  },
  decide(command, state, context) {
    if (command.type === 'RecordPublicQuestion') {
      if (isQuestionState(state) && state.recorded)
        return E.left(alreadyExists(`question-${command.data.questionId}`));
      return E.right([{ type: 'PublicQuestionRecorded', data: command.data }]);
    }
    if (isQuestionState(state)) return E.left(notFound(domainModel.route(command).stream));
    const related = new Map<string, AggregateState>();
    for (const [k, v] of context.related) if (!isQuestionState(v)) related.set(k, v);
    return domainModel.decide(command, state, { issuer: context.issuer, related });
  },
};
