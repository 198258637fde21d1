import { textProblem, type FieldError } from '@assure/domain';

/** At most this many problems are listed (a huge bad input gives a short error). */
const MAX_REPORTED = 10;

const isIndexable = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null;

const pathOf = (parent: string, key: string, inArray: boolean): string =>
  inArray ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`;

/**
 * The input limits on text that hold for every domain model's commands: each string in the
 * command's `data`, at any depth, at most 64 KiB of UTF-8, without a control character
 * other than tab, line feed and carriage return, without an unpaired surrogate (see
 * `textProblem` of @assure/domain). Returns the problems (at most 10), each naming its
 * path (`data.title`, `data.evidence[0].uri`); none when the input is within the limits.
 *
 * The command handler checks this before the model's own codec (which may be stricter:
 * the Assure domain's texts are at most 20000 characters). Stored events are never
 * checked against it: limits apply to new commands only.
 *
 * @example
 * inputTextErrors({ type: 'CloseRisk', data: { riskId: 'r', reason: 'a\u0000' } });
 * // [{ path: 'data.reason', message: 'control character U+0000 at 1' }]
 */
export function inputTextErrors(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  if (!isIndexable(input) || Array.isArray(input)) return errors;
  // The usual input is within the limits: found so without building a path per field.
  if (!anyTextProblem(input['data'])) return errors;
  // An explicit stack, not recursion: deeply nested input cannot overflow the call stack.
  const stack: { readonly value: unknown; readonly path: string }[] = [
    { value: input['data'], path: 'data' },
  ];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, path } = item;
    if (typeof value === 'string') {
      const why = textProblem(value);
      if (why !== undefined) {
        errors.push({ path, message: why });
        if (errors.length >= MAX_REPORTED) break;
      }
    } else if (isIndexable(value)) {
      const inArray = Array.isArray(value);
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        stack.push({ value: value[key], path: pathOf(path, key, inArray) });
      }
    }
  }
  return errors;
}

/**
 * Whether any string in `value`, at any depth, has a {@link textProblem}: the walk of
 * {@link inputTextErrors} without paths (explicit stack, so deep input cannot overflow).
 */
function anyTextProblem(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (textProblem(v) !== undefined) return true;
    } else if (isIndexable(v)) {
      for (const key of Object.keys(v)) stack.push(v[key]);
    }
  }
  return false;
}
