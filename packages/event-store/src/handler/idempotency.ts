import * as E from 'fp-ts/Either';
import type { Envelope } from '../envelope';
import { canonicalJson } from '../envelope/canonical';
import { sha256Hex } from '../envelope/hash';

/**
 * A `commandId` already used by another command: a different type or payload, or another
 * actor or role. Nothing was written.
 */
export interface CommandIdReused {
  readonly _tag: 'CommandIdReused';
  readonly commandId: string;
  /** The stream holding the first command's events. */
  readonly stream: string;
  /** Global position of the first event the first command wrote. */
  readonly position: string;
  /** What differs: `command` (type or payload), `actor`, `role`. */
  readonly differs: readonly ('command' | 'actor' | 'role')[];
  readonly message: string;
}

/**
 * The fingerprint of a command the handler writes as `meta.commandHash`: the SHA-256 of the
 * canonical JSON (RFC 8785, as event hashes) of its decoded `{type, data}`, so key order
 * and whitespace do not matter.
 *
 * @example
 * commandHashOf({ type: 'CloseRisk', data: { riskId: 'amey', reason: 'settled' } });
 */
export function commandHashOf(command: { readonly type: string; readonly data: unknown }): string {
  const { type, data } = command;
  // `data` sorts before `type`: the members written in order, without an object to hold them.
  return sha256Hex(
    data === undefined
      ? canonicalJson({ type })
      : '{"data":' + canonicalJson(data) + ',"type":' + canonicalJson(type) + '}',
  );
}

/**
 * Whether a repeated commandId is the same command as its first run (`prior`, the events
 * it wrote, in order): same `meta.commandHash`, actor and role as the first event. Events
 * written before the handler kept `commandHash` are compared on actor and role alone.
 */
export function checkSameCommand(
  prior: readonly Envelope[],
  command: { readonly commandId: string; readonly hash: string },
  issuer: { readonly actor: string; readonly role: string },
): E.Either<CommandIdReused, void> {
  const first = prior[0];
  if (first === undefined) return E.right(undefined);
  const differs: ('command' | 'actor' | 'role')[] = [];
  const kept = first.meta.commandHash;
  if (kept !== undefined && kept !== command.hash) differs.push('command');
  if (first.meta.actor !== issuer.actor) differs.push('actor');
  if (first.meta.role !== issuer.role) differs.push('role');
  if (differs.length === 0) return E.right(undefined);
  return E.left({
    _tag: 'CommandIdReused',
    commandId: command.commandId,
    stream: first.stream,
    position: first.position,
    differs,
    message:
      `commandId ${command.commandId} was already used by another command ` +
      `(${differs.map((d) => (d === 'command' ? 'type or payload' : d)).join(', ')} ` +
      `differ), first written at position ${first.position} (${first.stream}@${first.revision}); ` +
      `nothing was written: give this command a new commandId`,
  });
}
