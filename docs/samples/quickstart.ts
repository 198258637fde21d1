import * as E from 'fp-ts/Either';
import { domainModel, type AnyCommandInput } from '@assure/domain';
import { createCommandHandler, createMemoryStore } from '@assure/event-store';
import { readModels } from '@assure/projections';

/** Records a programme, an area and a statutory recommendation, then reads the status. */
export async function quickstart() {
  const store = createMemoryStore();
  const handler = createCommandHandler({ store, model: domainModel });

  const run = async (command: AnyCommandInput, actor: string, role: string, on: string) => {
    const r = await handler.handle(command, { actor, role, occurredAt: on })();
    if (E.isLeft(r)) throw new Error(`${command.type}: ${r.left.message}`);
    return r.right;
  };

  await run(
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
  );
  await run(
    {
      type: 'DefinePriorityArea',
      data: {
        programmeId: 'bcc',
        areaId: 'area-finance',
        title: 'Financial planning and resilience',
      },
    },
    'pmo-admin',
    'admin',
    '2014-12-09',
  );
  await run(
    {
      type: 'RaiseRecommendation',
      data: {
        recommendationId: 'rec-2018-s24-01',
        programmeId: 'bcc',
        areaId: 'area-finance',
        source: 'external-auditor',
        classification: 'statutory',
        title: 'Deliver the savings programme and rebuild the reserves',
        dueOn: '2019-03-31',
      },
    },
    'auditor-gt',
    'auditor',
    '2018-07-31',
  );

  // A refused command is a value, not an exception, and writes nothing.
  const refused = await handler.handle(
    { type: 'ChangePhase', data: { programmeId: 'bcc', phase: 'Done', reason: 'We say so' } },
    { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-01-01' },
  )();

  const read = await readModels(store, { asAt: '2019-04-30' })();
  if (E.isLeft(read)) throw new Error(read.left.message);
  const status = read.right.models.status();
  return { refused: E.isLeft(refused) ? refused.left._tag : null, status };
}
