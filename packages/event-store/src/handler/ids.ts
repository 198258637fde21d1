import { randomFillSync } from 'node:crypto';

/**
 * Ids written per refill of {@link randomUuid}: the ids of one string (1152 characters,
 * which an id kept alone keeps alive).
 */
const BATCH = 32;
/**
 * Random bytes drawn per call of `randomFillSync`: for 1024 ids. A call costs several
 * microseconds whatever its size (2 KiB, for 128 ids, about as much as 16 KiB).
 */
const ENTROPY_BYTES = 16 * 1024;
/** Characters of one id (`xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx`). */
const UUID_LENGTH = 36;

/** `00` to `ff`: the two hex digits of each byte value, as character codes. */
const HIGH_DIGIT = new Uint8Array(256);
const LOW_DIGIT = new Uint8Array(256);
for (let b = 0; b < 256; b++) {
  const hex = b.toString(16).padStart(2, '0');
  HIGH_DIGIT[b] = hex.charCodeAt(0);
  LOW_DIGIT[b] = hex.charCodeAt(1);
}

/** Where each of the 16 random bytes of an id is written in its text (dashes between). */
const BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

const entropy = Buffer.alloc(ENTROPY_BYTES);
/** Where the next id's 16 random bytes are in {@link entropy}. */
let drawn = ENTROPY_BYTES;
const written = Buffer.alloc(UUID_LENGTH * BATCH);
/** The text of the current batch of ids, and the next id's index in it. */
let batch = '';
let next = BATCH;

/** Writes a batch of fresh ids as one string (random bytes from the system's CSPRNG). */
function refill(): void {
  for (let k = 0; k < BATCH; k++) {
    if (drawn === ENTROPY_BYTES) {
      randomFillSync(entropy);
      drawn = 0;
    }
    const from = drawn;
    drawn += 16;
    const to = UUID_LENGTH * k;
    // RFC 9562 version 4: the version nibble is 4, the variant bits are 10.
    entropy[from + 6] = ((entropy[from + 6] as number) & 0x0f) | 0x40;
    entropy[from + 8] = ((entropy[from + 8] as number) & 0x3f) | 0x80;
    for (let i = 0; i < 16; i++) {
      const byte = entropy[from + i] as number;
      const at = to + (BYTE_AT[i] as number);
      written[at] = HIGH_DIGIT[byte] as number;
      written[at + 1] = LOW_DIGIT[byte] as number;
    }
    written[to + 8] = 45; // -
    written[to + 13] = 45;
    written[to + 18] = 45;
    written[to + 23] = 45;
  }
  batch = written.toString('latin1');
  next = 0;
}

/**
 * A random (version 4) UUID in lowercase, as `crypto.randomUUID()` writes it: the command
 * handler's default id for commands and events. Written 32 at a time into one string, of
 * which each id is a slice: an id is then a flat string, where `randomUUID` returns one
 * joined from twenty pieces that every later use (a map key, the check of the canonical
 * JSON of an event) first copies into one. The random bytes come from the same source as
 * `randomUUID`'s (`randomFillSync`), drawn ahead for 1024 ids (`randomUUID` draws them
 * for 128), and each byte is used once. (A slice keeps its batch's string alive, 1152
 * characters: an id kept alone, where its batch's others are dropped, keeps 32 ids' text.)
 *
 * @example
 * randomUuid(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function randomUuid(): string {
  if (next === BATCH) refill();
  const at = UUID_LENGTH * next++;
  return batch.slice(at, at + UUID_LENGTH);
}
