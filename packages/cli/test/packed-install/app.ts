/**
 * The app that the packed-install test builds against the installed tarballs, outside the
 * workspace: copied there as `app.cts` and `app.mts`, compiled strict with `skipLibCheck: false`,
 * and run both as CommonJS and as an ES module. It opens a file store, runs commands through
 * the typed handler (one of them built with the typed `commands` API), and prints the status,
 * a recommendation's trail and a builder's run-time refusal as JSON.
 * (From an ES module, `fp-ts/Either` is a directory and cannot be imported: `fp-ts/lib/Either.js`
 * works from both.)
 */
import * as E from 'fp-ts/lib/Either.js';
import { commands, domainModel, type AnyCommandInput } from '@assure/domain';
import { createCommandHandler } from '@assure/event-store';
import { fullReadModels } from '@assure/projections';
import { openFileStore } from '@assure/store-file';

// Every package's declarations, checked by the strict compile.
export type * as Audit from '@assure/audit';
export type * as Cli from '@assure/cli';
export type * as Domain from '@assure/domain';
export type * as DomainTesting from '@assure/domain/testing';
export type * as EventStore from '@assure/event-store';
export type * as Projections from '@assure/projections';
// @assure/store-esdb's declarations load nothing of @eventstore/db-client, whose own fail a
// strict compile here (skipLibCheck off, the esnext.disposable lib that jest's types bring in).
export type * as StoreEsdb from '@assure/store-esdb';
export type * as StoreFile from '@assure/store-file';
export type * as StorePostgres from '@assure/store-postgres';
export type * as StorePostgresConfig from '@assure/store-postgres/config';
export type * as Testing from '@assure/testing';

type Step = readonly [command: AnyCommandInput, actor: string, role: string, on: string];

const steps: readonly Step[] = [
  [
    {
      type: 'EstablishProgramme',
      data: {
        programmeId: 'bcc',
        title: 'Improvement programme',
        body: 'Birmingham City Council',
        phase: 'Kerslake review response',
      },
    },
    'pmo-admin',
    'admin',
    '2014-12-09',
  ],
  [
    {
      type: 'DefinePriorityArea',
      data: { programmeId: 'bcc', areaId: 'area-finance', title: 'Financial planning' },
    },
    'pmo-admin',
    'admin',
    '2014-12-09',
  ],
];

/** Built with the typed API: the decoded command, or the fields the codec refused. */
const raise = commands.raiseRecommendation({
  recommendationId: 'rec-2018-s24-01',
  programmeId: 'bcc',
  areaId: 'area-finance',
  source: 'external-auditor',
  classification: 'statutory',
  title: 'Deliver the savings programme and rebuild the reserves',
  dueOn: '2019-03-31',
});

/** Well typed, but refused at run time: not an id, and a level out of 1-5. */
const badRescore = commands.rescoreRisk({
  riskId: 'Equal Pay',
  likelihood: 9,
  impact: 4,
  rationale: 'Settlement agreed',
});

async function main(file: string) {
  const opened = await openFileStore(file)();
  if (E.isLeft(opened)) throw new Error(`open ${file}: ${opened.left.message}`);
  const store = opened.right;
  try {
    const handler = createCommandHandler({ store, model: domainModel });
    for (const [command, actor, role, occurredAt] of steps) {
      const r = await handler.handle(command, { actor, role, occurredAt })();
      if (E.isLeft(r)) throw new Error(`${command.type}: ${r.left.message}`);
    }
    if (E.isLeft(raise)) throw new Error(`RaiseRecommendation: ${raise.left.message}`);
    const raised = await handler.handle(raise.right, {
      actor: 'auditor-gt',
      role: 'auditor',
      occurredAt: '2018-07-31',
    })();
    if (E.isLeft(raised)) throw new Error(`RaiseRecommendation: ${raised.left.message}`);
    const refused = await handler.handle(
      { type: 'ChangePhase', data: { programmeId: 'bcc', phase: 'Done', reason: 'We say so' } },
      { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-01-01' },
    )();
    const read = await fullReadModels(store, { asAt: '2019-04-30' })();
    if (E.isLeft(read)) throw new Error(`read: ${read.left.message}`);
    const status = read.right.models.status();
    const trail = read.right.models.trail({ stream: 'recommendation-rec-2018-s24-01' });
    return {
      refused: E.isLeft(refused) ? refused.left._tag : null,
      invalid: E.isLeft(badRescore) ? badRescore.left.errors.map((e) => e.path) : null,
      programmes: status.programmes.map((p) => ({
        id: p.id,
        phase: p.phase,
        areas: p.areas.map((a) => a.id),
        recommendations: p.totals.recommendations.total,
        overdue: p.totals.recommendations.overdue,
      })),
      trail: trail.rows.map((r) => `${r.occurredAt.slice(0, 10)} ${r.actor} ${r.type}`),
    };
  } finally {
    await store.close();
  }
}

main(process.argv[2] ?? 'events.ndjson').then(
  (out) => process.stdout.write(`${JSON.stringify(out)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
