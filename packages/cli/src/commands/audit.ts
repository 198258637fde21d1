import * as E from 'fp-ts/Either';
import type { Command as Program } from 'commander';
import { type Ctx, fail } from '../context';
import type { ExitCode } from '../exit-codes';
import { metaFromFlags } from './write';

type Opts = Record<string, unknown>;

/** Adds the auditing commands: verify, seal (and, as the audit library grows, the rest). */
export function addAuditCommands(
  program: Program,
  ctxOf: () => Ctx,
  done: (code: ExitCode) => void,
): void {
  program
    .command('verify')
    .description(
      'check an export (or the store): decoding, hash chains, revisions, ids, positions, seals, a witnessed root',
    )
    .argument('[file]', 'an export file (default: the --store)')
    .option('--root <hex>', 'witnessed Merkle root')
    .option('--size <n>', 'witnessed tree size')
    .action(async (file: string | undefined, opts: Opts) =>
      done(await (await import('./audit-run.js')).verifyCommand(ctxOf(), file, opts)),
    );

  program
    .command('seal')
    .description(
      'append LedgerSealed: the Merkle root of every event so far, for a witness to keep',
    )
    .option('--on <date>', 'occurredAt of the seal (default now)')
    .action(async (opts: Opts) => {
      const ctx = ctxOf();
      const meta = metaFromFlags(ctx, opts);
      done(
        E.isLeft(meta)
          ? fail(ctx, meta.left)
          : await (await import('./seal.js')).sealLedger(ctx, meta.right),
      );
    });
}
