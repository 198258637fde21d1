import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { domainModel, type AnyCommandInput } from '@assure/domain';
import { createCommandHandler, createMemoryStore } from '@assure/event-store';
import {
  decodeProjectionEvent,
  fileSnapshotStore,
  handlerView,
  Projector,
  readModels,
} from '@assure/projections';

/**
 * An app's read models: the built-in ones with a snapshot on disk (a restart catches up),
 * a view of its own followed live, and what happens at an event the domain cannot decode.
 */
export async function readModelsInAnApp(dir: string) {
  const store = createMemoryStore();
  const handler = createCommandHandler({ store, model: domainModel });
  const admin = { actor: 'pmo-admin', role: 'admin' };
  const cfo = { actor: 'officer-cfo', role: 'officer' };
  const run = async (
    by: { actor: string; role: string },
    command: AnyCommandInput,
    occurredAt: string,
  ) => {
    const r = await handler.handle(command, { ...by, occurredAt })();
    if (E.isLeft(r)) throw new Error(r.left.message);
  };
  await run(
    admin,
    {
      type: 'EstablishProgramme',
      data: {
        programmeId: 'bcc',
        title: 'Improvement programme',
        body: 'Birmingham City Council',
        phase: 'Panel oversight',
      },
    },
    '2019-01-07',
  );
  await run(
    cfo,
    {
      type: 'IdentifyRisk',
      data: {
        riskId: 'equal-pay',
        programmeId: 'bcc',
        title: 'Equal pay liabilities exhaust the reserves',
        category: 'financial',
        owner: 'officer-cfo',
        inherent: { likelihood: 5, impact: 5 },
        target: { likelihood: 2, impact: 4 },
        nextReviewOn: '2019-04-30',
      },
    },
    '2019-01-14',
  );

  // 1. The built-in read models, with their snapshot in a file. The first call folds the
  //    whole log and saves the states with their checkpoint; a later call (or the next run
  //    of the app) loads them and folds only the events after the checkpoint.
  const snapshots = fileSnapshotStore(join(dir, 'read-models.json'));
  const first = await readModels(store, { asAt: '2019-12-31', snapshots })();
  if (E.isLeft(first)) throw new Error(first.left.message);

  await run(
    cfo,
    {
      type: 'RescoreRisk',
      data: { riskId: 'equal-pay', likelihood: 4, impact: 5, rationale: 'Job evaluation agreed' },
    },
    '2019-03-12',
  );
  const second = await readModels(store, { asAt: '2019-12-31', snapshots })();
  if (E.isLeft(second)) throw new Error(second.left.message);
  const register = second.right.models.risks();

  // 2. A view of the app's own: how often each risk was rescored. Pure `initial` and
  //    handlers; the runner follows the log live until the app stops it.
  const rescores = handlerView<Map<string, number>>(
    { name: 'rescores', initial: () => new Map() },
    { RiskRescored: (s, d) => void s.set(d.riskId, (s.get(d.riskId) ?? 0) + 1) },
  );
  const projector = new Projector({ rescores }, { decode: decodeProjectionEvent });
  const stop = new AbortController();
  const following = projector.follow(store, {
    signal: stop.signal,
    // Called after each event that changed the states: here, stop after the fourth.
    onChange: (position) => {
      if (position === '3') stop.abort();
    },
  })();
  await run(
    cfo,
    {
      type: 'RescoreRisk',
      data: { riskId: 'equal-pay', likelihood: 3, impact: 5, rationale: 'Settlements agreed' },
    },
    '2019-09-30',
  );
  const followed = await following;
  if (E.isLeft(followed)) throw new Error(followed.left.message);

  // 3. An event the domain cannot decode (written to the log without the handler, with a
  //    likelihood of 9 on a 1-5 scale) stops the views just before it, with the reason.
  await store.append(
    'risk-equal-pay',
    [
      {
        eventId: 'hand-written-1',
        type: 'RiskRescored',
        schemaVersion: 1,
        data: {
          riskId: 'equal-pay',
          likelihood: 9,
          impact: 5,
          rationale: 'Typed by hand',
          previous: { likelihood: 3, impact: 5 },
          current: { likelihood: 9, impact: 5 },
        },
        meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-10-01T00:00:00.000Z' },
      },
    ],
    'any',
  )();
  const stopped = await projector.catchUp(store)();

  return {
    firstLoad: { source: first.right.load.source, caughtUp: first.right.load.caughtUp },
    secondLoad: { source: second.right.load.source, caughtUp: second.right.load.caughtUp },
    equalPayNow: register.rows.find((r) => r.id === 'equal-pay')?.current,
    rescoresFollowed: followed.right.states.rescores.get('equal-pay'),
    checkpointFollowed: followed.right.checkpoint,
    stoppedAt: E.isLeft(stopped) ? stopped.left : null,
    checkpointAfterStop: projector.checkpoint,
  };
}
