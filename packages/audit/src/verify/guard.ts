import type { Envelope } from '@assure/event-store';

const POSITION = /^(0|[1-9][0-9]*)$/;
const STREAM = /^[a-z][a-z0-9-]{0,127}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;
const ENVELOPE_KEYS = new Set([
  'position',
  'stream',
  'revision',
  'eventId',
  'type',
  'schemaVersion',
  'data',
  'meta',
  'prevHash',
  'hash',
]);
const META_KEYS = new Set([
  'actor',
  'role',
  'occurredAt',
  'recordedAt',
  'commandId',
  'correlationId',
  'causationId',
  'backfill',
]);
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);
const nonEmpty = (u: unknown): boolean => typeof u === 'string' && u.length > 0;
const optNonEmpty = (u: unknown): boolean => u === undefined || nonEmpty(u);

/** An instant exactly as `Date.prototype.toISOString()` writes a real date and time. */
function isInstant(u: unknown): boolean {
  if (typeof u !== 'string' || u.length !== 24) return false;
  const m = INSTANT.exec(u);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS[month - 1]!;
  return day <= days && Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
}

/**
 * A fast type guard that accepts exactly what the normative `Envelope` codec accepts
 * (`Envelope.is` of `@assure/event-store`) for parsed JSON, written out by hand for the
 * verify hot path; a property test keeps the two equal. When it says no, verify asks the
 * codec itself for the reasons.
 */
export function isEnvelope(u: unknown): u is Envelope {
  if (!isRecord(u)) return false;
  for (const k in u) if (!ENVELOPE_KEYS.has(k)) return false;
  const { position, stream, revision, eventId, type, schemaVersion, data, meta, prevHash, hash } =
    u;
  if (typeof position !== 'string' || !POSITION.test(position)) return false;
  if (typeof stream !== 'string' || !STREAM.test(stream)) return false;
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision) || revision < 0) return false;
  if (!nonEmpty(eventId) || !nonEmpty(type)) return false;
  if (
    typeof schemaVersion !== 'number' ||
    !Number.isSafeInteger(schemaVersion) ||
    schemaVersion < 1
  )
    return false;
  if (!isRecord(data) || !isRecord(meta)) return false;
  if (typeof prevHash !== 'string' || !HEX64.test(prevHash)) return false;
  if (typeof hash !== 'string' || !HEX64.test(hash)) return false;
  for (const k in meta) if (!META_KEYS.has(k)) return false;
  return (
    nonEmpty(meta['actor']) &&
    nonEmpty(meta['role']) &&
    isInstant(meta['occurredAt']) &&
    isInstant(meta['recordedAt']) &&
    optNonEmpty(meta['commandId']) &&
    optNonEmpty(meta['correlationId']) &&
    optNonEmpty(meta['causationId']) &&
    (meta['backfill'] === undefined || meta['backfill'] === true)
  );
}
