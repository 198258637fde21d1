import * as t from 'io-ts';
import { CalendarDate, Sha256, ShortText, Text, Uri } from './primitives';
import { strict } from './strict';

// Limits on NEW input (commands and their meta). They are checked by the command codecs
// below and by the command handler, never by the codecs that read stored events: an event
// written before a limit existed stays readable, and its hash valid, whatever it holds.

/** The longest id a command may carry (commandId, correlationId, causationId, actor, role). */
export const MAX_ID_CHARS = 200;
/** The largest text a command may carry: 64 KiB of UTF-8. */
export const MAX_TEXT_BYTES = 64 * 1024;
/** The earliest date a command may carry. */
export const EARLIEST_DATE = '1900-01-01';
/** The latest date a command may carry. */
export const LATEST_DATE = '2199-12-31';

const hex4 = (c: number): string => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why a text is refused as input, or `undefined`: a control character (Unicode category
 * Cc, U+0000-U+001F and U+007F-U+009F) other than tab, line feed and carriage return, an
 * unpaired surrogate (it has no UTF-8 form), or more than `maxBytes` bytes of UTF-8.
 * Positions are 0-based indexes of UTF-16 code units (JavaScript string indexes).
 *
 * @example
 * textProblem('a\u0000b');   // 'control character U+0000 at 1'
 * textProblem('line\nnext'); // undefined
 */
export function textProblem(s: string, maxBytes: number = MAX_TEXT_BYTES): string | undefined {
  const n = s.length;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c < 0x20 ? c !== 9 && c !== 10 && c !== 13 : c === 0x7f)
        return `control character ${hex4(c)} at ${i}`;
      bytes += 1;
    } else if (c < 0x800) {
      if (c <= 0x9f) return `control character ${hex4(c)} at ${i}`;
      bytes += 2;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || next < 0xdc00 || next > 0xdfff)
        return `unpaired surrogate ${hex4(c)} at ${i}`;
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes > maxBytes ? `longer than ${maxBytes} bytes of UTF-8 (${bytes})` : undefined;
}

/** Why an id is refused as input, or `undefined`: empty, over 200 characters, or {@link textProblem}. */
export function idProblem(s: string): string | undefined {
  if (s.length === 0) return 'expected a non-empty string';
  if (s.length > MAX_ID_CHARS) return `longer than ${MAX_ID_CHARS} characters (${s.length})`;
  return textProblem(s);
}

/** Why a `YYYY-MM-DD` day is refused as input, or `undefined`: before 1900-01-01 or after 2199-12-31. */
export function dateProblem(day: string): string | undefined {
  return day < EARLIEST_DATE || day > LATEST_DATE
    ? `expected a date from ${EARLIEST_DATE} to ${LATEST_DATE}, got ${day}`
    : undefined;
}

/**
 * A codec that accepts what `base` accepts and what `problem` finds nothing wrong with;
 * it keeps `base`'s name (and so its type and its description in tools) and reports the
 * problem as the failure's message.
 */
function limited<A extends string>(
  base: t.Type<A, string, unknown>,
  problem: (s: string) => string | undefined,
): t.Type<A, string, unknown> {
  return new t.Type<A, string, unknown>(
    base.name,
    (u): u is A => base.is(u) && problem(u) === undefined,
    (u, c) => {
      const r = base.validate(u, c);
      if (r._tag === 'Left') return r;
      const why = problem(r.right);
      return why === undefined ? r : t.failure(u, c, why);
    },
    base.encode,
  );
}

/** {@link Text} as a command takes it: also no control character (but tab, LF, CR) nor unpaired surrogate. */
export const InputText: t.Type<Text, string, unknown> = limited(Text, (s) => textProblem(s));
/** {@link ShortText} as a command takes it: also no control character (but tab, LF, CR) nor unpaired surrogate. */
export const InputShortText: t.Type<ShortText, string, unknown> = limited(ShortText, (s) =>
  textProblem(s),
);
/** {@link Uri} as a command takes it: also no control character nor unpaired surrogate. */
export const InputUri: t.Type<Uri, string, unknown> = limited(Uri, (s) => textProblem(s));
/** {@link CalendarDate} as a command takes it: also from 1900-01-01 to 2199-12-31. */
export const InputDate: t.Type<CalendarDate, string, unknown> = limited(CalendarDate, dateProblem);

/** Evidence as a command takes it (see `Evidence`): its URI and title limited as input. */
export const InputEvidence = strict(
  { uri: InputUri },
  { sha256: Sha256, title: InputText },
  'Evidence',
);
/** A list of evidence items as a command takes it. */
export const InputEvidenceList = t.readonlyArray(InputEvidence, 'EvidenceList');
