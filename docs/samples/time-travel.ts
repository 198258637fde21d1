import * as E from 'fp-ts/Either';
import { domainModel, type AnyCommandInput } from '@assure/domain';
import { createCommandHandler, createMemoryStore, type CommandMeta } from '@assure/event-store';
import { readModels } from '@assure/projections';

/**
 * An action completed on 12 March but recorded on 20 March: as at 15 March it is complete;
 * as known at 15 March it is not (the board could not have known).
 */
export async function timeTravel() {
  const store = createMemoryStore();
  // Loading history sets transaction time: only the system (or an admin) may, so the
  // loader is named, and each command keeps the role of the one who issued it.
  const handler = createCommandHandler({
    store,
    model: domainModel,
    backfillBy: { actor: 'loader-bcc', role: 'system' },
  });
  const officer = { actor: 'officer-monitoring', role: 'officer' };
  const history = [
    {
      command: {
        type: 'EstablishProgramme',
        data: {
          programmeId: 'bcc',
          title: 'Improvement programme',
          body: 'Birmingham City Council',
          phase: 'Panel oversight',
        },
      },
      meta: {
        actor: 'pmo-admin',
        role: 'admin',
        occurredAt: '2019-01-07',
        recordedAt: '2019-01-07T10:00:00.000Z',
      },
    },
    {
      command: {
        type: 'DefinePriorityArea',
        data: { programmeId: 'bcc', areaId: 'area-governance', title: 'Governance' },
      },
      meta: {
        actor: 'pmo-admin',
        role: 'admin',
        occurredAt: '2019-01-07',
        recordedAt: '2019-01-07T10:01:00.000Z',
      },
    },
    {
      command: {
        type: 'PlanAction',
        data: {
          actionId: 'forward-plan',
          programmeId: 'bcc',
          areaId: 'area-governance',
          recommendationIds: [],
          title: 'Publish a forward plan of key decisions',
          lead: 'officer-monitoring',
          dueOn: '2019-03-31',
        },
      },
      meta: { ...officer, occurredAt: '2019-01-08', recordedAt: '2019-01-08T09:00:00.000Z' },
    },
    {
      command: {
        type: 'CompleteAction',
        data: {
          actionId: 'forward-plan',
          evidence: [{ uri: 'https://docs.example/forward-plan.pdf' }],
        },
      },
      // Backfilled: it happened on the 12th and was entered on the 20th.
      meta: { ...officer, occurredAt: '2019-03-12', recordedAt: '2019-03-20T16:00:00.000Z' },
    },
  ] satisfies readonly { readonly command: AnyCommandInput; readonly meta: CommandMeta }[];
  for (const { command, meta } of history) {
    const r = await handler.handle(command, meta)();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }

  const completedAsAt = async (asAt: string, knownAt?: string) => {
    const r = await readModels(store, { asAt, ...(knownAt === undefined ? {} : { knownAt }) })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right.models.status().programmes[0]?.totals.actions.completed ?? 0;
  };
  return {
    asAt15March: await completedAsAt('2019-03-15'),
    asKnownAt15March: await completedAsAt('2019-03-15', '2019-03-15T23:59:59.999Z'),
  };
}
