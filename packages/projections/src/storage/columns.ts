/**
 * Numbers as base64 text of 64-bit little-endian floats (whatever the machine), read back
 * strictly: the text must be base64 (its alphabet, padded) of whole floats.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Base64 of 64-bit floats, little-endian. */
export function float64Base64(values: ArrayLike<number>): string {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i] as number, i * 8);
  return bytes.toString('base64');
}

function bytesOf(text: string, width: number): Buffer | null {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length % width === 0 ? bytes : null;
}

/** The floats of {@link float64Base64} text, or null when it is not such text. */
export function float64Column(text: string): Float64Array | null {
  const bytes = bytesOf(text, 8);
  if (bytes === null) return null;
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}
