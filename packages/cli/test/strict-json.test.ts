import { Readable } from 'node:stream';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { byteLines, decodeUtf8, duplicateKey, parseJsonStrict } from '../src/strict-json';

const collectLines = async (chunks: readonly Buffer[]): Promise<string[]> => {
  const out: string[] = [];
  for await (const line of byteLines(Readable.from(chunks))) out.push(line.toString('utf8'));
  return out;
};

describe('byteLines', () => {
  it('gives the same lines however the bytes are cut into chunks (LF or CRLF)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')),
          {
            maxLength: 8,
          },
        ),
        fc.boolean(),
        fc.array(fc.nat(40), { maxLength: 6 }),
        async (lines, crlf, cuts) => {
          const bytes = Buffer.from(lines.map((l) => `${l}${crlf ? '\r\n' : '\n'}`).join(''));
          const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let from = 0;
          for (const c of [...at, bytes.length]) {
            chunks.push(bytes.subarray(from, c));
            from = c;
          }
          expect(await collectLines(chunks)).toEqual(lines);
        },
      ),
    );
  });

  it('gives a last line without a newline', async () => {
    expect(await collectLines([Buffer.from('a\nb')])).toEqual(['a', 'b']);
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 exactly, any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(decodeUtf8(Buffer.from(s, 'utf8'))).toEqual(E.right(s));
      }),
    );
  });

  it('refuses invalid bytes, naming the first one', () => {
    expect(decodeUtf8(Buffer.from([0x61, 0xff, 0x62]))).toEqual(
      E.left('not valid UTF-8 (byte 0xff at offset 1)'),
    );
    expect(decodeUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toEqual(
      E.left('not valid UTF-8 (a sequence cut short at the end)'),
    );
    // An encoded surrogate (CESU-8) and an overlong encoding are not UTF-8.
    expect(E.isLeft(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80])))).toBe(true);
    expect(E.isLeft(decodeUtf8(Buffer.from([0xc0, 0xaf])))).toBe(true);
  });

  it('keeps a byte-order mark (it is not silently dropped)', () => {
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toEqual(E.right('\ufeff{}'));
  });
});

describe('duplicateKey and parseJsonStrict', () => {
  it('finds nothing in what JSON.stringify writes', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => duplicateKey(JSON.stringify(v)) === undefined));
  });

  it('finds a key repeated in any object, naming its path', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }),
        fc.jsonValue(),
        (obj, v) => {
          const key = Object.keys(obj)[0] as string;
          // The object's text with its first key written again at its end.
          const inner = JSON.stringify(obj).slice(0, -1);
          const text = `{"outer":[${inner},${JSON.stringify(key)}:${JSON.stringify(v)}}]}`;
          expect(parseJsonStrict(text)).toEqual(
            E.left({
              path: `outer[0].${key}`,
              message: 'duplicate key (a key may appear once in an object)',
            }),
          );
        },
      ),
    );
  });

  it('compares keys unescaped, and keys of different objects apart', () => {
    expect(duplicateKey('{"a":1,"\\u0061":2}')).toMatchObject({ path: 'a' });
    expect(duplicateKey('{"a":{"a":1},"b":{"a":2}}')).toBeUndefined();
    expect(parseJsonStrict('{"a":1')).toMatchObject({ _tag: 'Left', left: { path: '' } });
  });
});
