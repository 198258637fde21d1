import * as E from 'fp-ts/Either';
import { fail, type AddCommands } from '../context';
import { metaFromFlags } from './write';

type Opts = Record<string, unknown>;

/** Adds the auditing commands: verify and seal, export and import, proofs, replay and report. */
export const addAuditCommands: AddCommands = (program, ctxOf, done) => {
  addSealCommands(program, ctxOf, done);
  addExportCommands(program, ctxOf, done);
  addProofCommands(program, ctxOf, done);
  addReportCommands(program, ctxOf, done);
};

/** verify (the log's integrity) and seal (a Merkle root for a witness to keep). */
const addSealCommands: AddCommands = (program, ctxOf, done) => {
  program
    .command('verify')
    .description(
      'check an export (or the store): decoding, hash chains, revisions, ids, positions, seals, a witnessed root',
    )
    .argument('[file]', 'an export file (default: the --store)')
    .option('--root <hex>', 'witnessed Merkle root')
    .option('--size <n>', 'witnessed tree size')
    .action(async (file: string | undefined, opts: Opts) =>
      done(await (await import('./verify-run.js')).verifyCommand(ctxOf(), file, opts)),
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
};

/** export and import: the whole log as a file, and back into an empty store. */
const addExportCommands: AddCommands = (program, ctxOf, done) => {
  program
    .command('export')
    .description('write the whole log as an export: a header line, then one envelope a line')
    .requiredOption('--out <file>', 'the export file')
    .action(async (opts: Opts) =>
      done(await (await import('./export-run.js')).exportCommand(ctxOf(), String(opts['out']))),
    );
  program
    .command('import')
    .description('load an export into an empty store (verified first)')
    .argument('<file>', 'an export file')
    .action(async (file: string) =>
      done(await (await import('./export-run.js')).importCommand(ctxOf(), file)),
    );
};

/** prove (inclusion or consistency, from the store or an export) and check-proof. */
const addProofCommands: AddCommands = (program, ctxOf, done) => {
  program
    .command('prove')
    .description(
      'an inclusion proof of one event, or a consistency proof between two tree sizes (JSON)',
    )
    .option('--event <id>', 'the event id to prove')
    .option('--from-size <n>', 'the older tree size')
    .option('--to-size <m>', 'the newer tree size (default: the whole log)')
    .option(
      '--size <n>',
      'a witnessed tree size: with --event, prove inclusion in the tree of that size; alone, prove the log extends it',
    )
    .option('--from-export <file>', 'prove from an export (verified first) instead of the store')
    .action(async (opts: Opts) =>
      done(await (await import('./prove-run.js')).proveCommand(ctxOf(), opts)),
    );
  program
    .command('check-proof')
    .description(
      'check an inclusion or consistency proof file, without any store (exit 4 if it fails)',
    )
    .argument('<file>', 'a proof written by assure prove --json')
    .option('--root <hex>', 'the witnessed Merkle root the proof must reach')
    .option('--size <n>', 'the witnessed tree size')
    .action(async (file: string, opts: Opts) =>
      done(await (await import('./prove-run.js')).checkProofCommand(ctxOf(), file, opts)),
    );
};

/** replay and report: the views, and the board pack or audit report, of a verified log. */
const addReportCommands: AddCommands = (program, ctxOf, done) => {
  program
    .command('replay')
    .description('build status, tracker, risks or trail from an export alone (JSON)')
    .argument('<file>', 'an export file')
    .option('--as-at <day>', 'valid time')
    .option('--known-at <instant>', 'transaction time')
    .option('--view <view>', 'status (default), tracker, risks or trail')
    .option('--root <hex>', 'the witnessed Merkle root the export is verified against')
    .option('--size <n>', 'the witnessed tree size')
    .action(async (file: string, opts: Opts) =>
      done(await (await import('./replay-run.js')).replayCommand(ctxOf(), file, opts)),
    );
  program
    .command('report')
    .description('the board pack / audit report as HTML, Markdown or PDF (PDF through Chromium)')
    .option('--as-at <day>', 'valid time')
    .option('--known-at <instant>', 'transaction time')
    .option('--from-export <file>', 'build it from an export (verified first) instead of the store')
    .option('--root <hex>', 'the witnessed Merkle root the log is verified against')
    .option('--size <n>', 'the witnessed tree size')
    .option(
      '--body <id>',
      'the body whose last meeting "changes since" counts from (default: every body)',
    )
    .requiredOption('--out <file>', 'FILE.html, FILE.md or FILE.pdf')
    .action(async (opts: Opts) =>
      done(await (await import('./report-run.js')).reportCommand(ctxOf(), opts)),
    );
};
