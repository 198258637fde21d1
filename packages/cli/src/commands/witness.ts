import * as E from 'fp-ts/Either';
import type { Witness } from '@assure/audit';
import { CliErrors, type UsageError } from '../errors';

const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

/** Reads `--root HEX --size N` into a witness (both or neither). */
export function witnessOf(opts: {
  readonly root?: unknown;
  readonly size?: unknown;
}): E.Either<UsageError, Witness | undefined> {
  const root = str(opts.root);
  const size = str(opts.size);
  if (root === undefined && size === undefined) return E.right(undefined);
  if (root === undefined || size === undefined)
    return E.left(
      CliErrors.usage('--root and --size go together (the witnessed tree size and root)'),
    );
  if (!/^[0-9a-f]{64}$/.test(root))
    return E.left(CliErrors.usage('--root: expected 64 lowercase hex characters'));
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    return E.left(CliErrors.usage('--size: expected an integer >= 0'));
  return E.right({ treeSize: Number(size), root });
}
