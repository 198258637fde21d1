import * as E from 'fp-ts/Either';
import { TextDecoder } from 'node:util';
import { visit, type JSONPath } from 'jsonc-parser';
import type { FieldError } from '@assure/domain';

// Input text as the CLI reads it (exec's NDJSON lines, JSON given in flags): bytes must be
// valid UTF-8 and a JSON object must not repeat a key. Both are properties of the raw text
// that `toString('utf8')` (which replaces bad bytes with U+FFFD) and `JSON.parse` (where the
// last of a repeated key wins) hide, so they are checked before either.

/** Splits a byte stream into lines (LF, or CRLF with its CR dropped), as raw bytes. */
export async function* byteLines(input: AsyncIterable<unknown>): AsyncGenerator<Buffer, void> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of input) {
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : chunk instanceof Uint8Array
            ? Buffer.from(chunk)
            : Buffer.from(String(chunk), 'utf8');
    let data = rest.length === 0 ? buf : Buffer.concat([rest, buf]);
    for (let nl = data.indexOf(0x0a); nl !== -1; nl = data.indexOf(0x0a)) {
      yield withoutCr(data.subarray(0, nl));
      data = data.subarray(nl + 1);
    }
    // Copied: the stream may reuse the chunk's memory.
    rest = Buffer.from(data);
  }
  if (rest.length > 0) yield withoutCr(rest);
}

const withoutCr = (line: Buffer): Buffer =>
  line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;

/** A strict UTF-8 decoder (a byte-order mark is kept, not silently dropped). */
const strictDecoder = (): TextDecoder => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes bytes as UTF-8, refusing any invalid sequence (never replaced by U+FFFD); the
 * error tells the byte offset where the bytes stop being UTF-8.
 *
 * @example
 * decodeUtf8(Buffer.from([0x61, 0xff])); // left: 'not valid UTF-8 (byte 0xff at offset 1)'
 */
export function decodeUtf8(bytes: Uint8Array): E.Either<string, string> {
  try {
    return E.right(strictDecoder().decode(bytes));
  } catch {
    return E.left(`not valid UTF-8 (${invalidAt(bytes)})`);
  }
}

/**
 * Where UTF-8 decoding fails: the shortest prefix that a streaming decoder refuses (a
 * prefix ending inside a sequence is not refused yet), found by bisection.
 */
function invalidAt(bytes: Uint8Array): string {
  const refuses = (n: number): boolean => {
    try {
      strictDecoder().decode(bytes.subarray(0, n), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  if (!refuses(bytes.length)) return 'a sequence cut short at the end';
  let lo = 0;
  let hi = bytes.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (refuses(mid)) hi = mid;
    else lo = mid;
  }
  const at = hi - 1;
  return `byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}`;
}

/** `data.evidence[0]` from a JSON path. */
const pathText = (path: JSONPath): string =>
  path.reduce<string>(
    (s, key) => (typeof key === 'number' ? `${s}[${key}]` : s === '' ? key : `${s}.${key}`),
    '',
  );

/**
 * The first key repeated within one JSON object of `text` (compared after unescaping, so
 * `"a"` and `"\u0061"` are the same key), or `undefined`. `text` must be valid JSON.
 *
 * Uses the visitor of `jsonc-parser` (VS Code's JSON scanner) rather than a hand-written
 * tokenizer: it hands each property its unescaped name and the path of its object.
 */
export function duplicateKey(text: string): FieldError | undefined {
  const open: Set<string>[] = [];
  let found: FieldError | undefined;
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectEnd: () => {
      open.pop();
    },
    onObjectProperty: (property, _offset, _length, _line, _column, pathSupplier) => {
      const keys = open[open.length - 1];
      if (found !== undefined || keys === undefined) return;
      if (keys.has(property))
        found = {
          path: pathText([...pathSupplier(), property]),
          message: 'duplicate key (a key may appear once in an object)',
        };
      else keys.add(property);
    },
  });
  return found;
}

/**
 * Parses JSON text strictly: `JSON.parse`, then refuses a key repeated within an object
 * (which `JSON.parse` would let the last one win). The error names the path.
 *
 * @example
 * parseJsonStrict('{"meta":{"role":"officer","role":"admin"}}');
 * // left: { path: 'meta.role', message: 'duplicate key (a key may appear once in an object)' }
 */
export function parseJsonStrict(text: string): E.Either<FieldError, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (e) {
    return E.left({
      path: '',
      message: `not a JSON value: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  // Only an object can repeat a key: other values skip the second pass.
  if (typeof value !== 'object' || value === null) return E.right(value);
  const dup = duplicateKey(text);
  return dup === undefined ? E.right(value) : E.left(dup);
}
