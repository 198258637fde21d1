import { describeSnapshot, whereOf, type VerifyReport, type Witness } from './report';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What the log was checked against: its own seals, or the witnessed root. */
function against(r: VerifyReport, witness: Witness | undefined): string {
  if (witness !== undefined)
    return r.witnessed
      ? `Against: the witnessed root ${witness.root} of tree size ${witness.treeSize}, which the first ${plural(witness.treeSize, 'event')} of the log reproduce.`
      : `Against: the witnessed root ${witness.root} of tree size ${witness.treeSize}, which the log does NOT reproduce.`;
  const seals =
    r.sealsChecked === 0
      ? 'the log holds no seal, so nothing ties it to a root'
      : `the log's own ${plural(r.sealsChecked, 'seal')}`;
  return `Against: ${seals}; no witnessed root was given (--root HEX --size N), so whoever can rewrite the log could rewrite its seals with it.`;
}

/** Which events rest on the hash chains alone. */
function chainsOnly(r: VerifyReport, witness: Witness | undefined): string {
  const mark = witness !== undefined ? 'the witnessed tree' : 'the last seal';
  if (r.unsealedTail === 0)
    return `Covered by the hash chains only: no event; every event is within ${mark}.`;
  if (witness === undefined && r.sealsChecked === 0)
    return `Covered by the hash chains only: all ${plural(r.events, 'event')} (no seal).`;
  return `Covered by the hash chains only: ${plural(r.unsealedTail, 'event')} after ${mark} (the seal event that closes it aside), which could be removed or rewritten without a root showing it.`;
}

/**
 * The verify report in plain sentences, for people: the outcome, what was checked, against
 * what (the log's own seals, or a witnessed root), what rests on the hash chains alone, the
 * first failure with its position and reason, the tree size and root, then the torn tail and
 * the read-model snapshot when there are any. The first line is {@link describeReport}'s
 * verdict (`verified ...` or `FAILED: ...`).
 *
 * @example
 * explainReport(report, { treeSize: 285, root: 'ab…' }).join('\n');
 */
export function explainReport(r: VerifyReport, witness?: Witness): string[] {
  const first = r.failures[0];
  const lines = [
    r.ok
      ? `verified: every check passed.`
      : `FAILED: ${r.failures.length} failure(s), first ${first?.reason ?? '?'} at ${whereOf(first)}.`,
    `Checked: ${plural(r.events, 'event')} in ${plural(r.streams, 'stream')}; each stream's hash chain, revisions, event ids and positions; ${plural(r.sealsChecked, 'seal')} against the Merkle root recomputed over the events before it.`,
    against(r, witness),
    chainsOnly(r, witness),
  ];
  if (first !== undefined)
    lines.push(
      `First failure: ${first.reason} at ${whereOf(first)}${first.stream === null ? '' : ` (${first.stream}@${first.revision ?? '?'})`}: ${first.message}`,
    );
  lines.push(`Tree size ${r.treeSize}, Merkle root ${r.root} (give both to a witness to keep).`);
  const t = r.tornTail;
  if (t !== null)
    lines.push(
      `torn tail: an incomplete last line (line ${t.line}, ${t.bytes} bytes at byte offset ${t.offset}), not verified; the complete lines before it ${t.restVerifies ? 'verify' : 'do not all verify'}.`,
    );
  if (r.snapshot !== undefined) lines.push(describeSnapshot(r.snapshot));
  return lines;
}
