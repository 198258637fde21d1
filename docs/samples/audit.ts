import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { checkProof, exportLog, proveEvent, replay, seal, verifyExport } from '@assure/audit';
import { domainModel, type AnyCommandInput } from '@assure/domain';
import { createCommandHandler, createMemoryStore } from '@assure/event-store';

/** Seal, export, verify against the witnessed root, replay as at a date, prove one event. */
export async function auditorsWalkthrough() {
  const store = createMemoryStore();
  const handler = createCommandHandler({ store, model: domainModel });
  const admin = { actor: 'pmo-admin', role: 'admin', occurredAt: '2019-03-26' };
  for (const command of [
    {
      type: 'EstablishProgramme',
      data: {
        programmeId: 'bcc',
        title: 'Improvement programme',
        body: 'Birmingham City Council',
        phase: 'Panel oversight',
      },
    },
    {
      type: 'DefinePriorityArea',
      data: { programmeId: 'bcc', areaId: 'area-finance', title: 'Finance' },
    },
  ] satisfies AnyCommandInput[]) {
    const r = await handler.handle(command, admin)();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }

  // 1. The auditor seals the ledger and keeps (treeSize, root) outside the system.
  const sealed = await seal(store, { actor: 'auditor-gt', role: 'auditor' })();
  if (E.isLeft(sealed)) throw new Error(sealed.left.message);
  const witness = { treeSize: sealed.right.treeSize, root: sealed.right.root };

  // 2. Later, the council exports the whole log for the auditor.
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'assure-audit-')), 'export.ndjson');
  const exported = await exportLog(store, file)();
  if (E.isLeft(exported)) throw new Error(exported.left.message);

  // 3. The auditor verifies the export against the root they witnessed.
  const report = await verifyExport(file, { witness });

  // 4. ... replays the status as at a date, without any of the council's servers ...
  const status = await replay(file, { asAt: '2019-03-31', view: 'status' })();
  if (E.isLeft(status)) throw new Error(status.left.message);

  // 5. ... and checks that one event is in the tree they witnessed, with nothing but the proof.
  let firstEventId = '';
  for await (const e of store.readAll({ maxCount: 1 })) firstEventId = e.eventId;
  const proof = await proveEvent(store, firstEventId, { treeSize: witness.treeSize })();
  if (E.isLeft(proof)) throw new Error(proof.left.message);
  const check = checkProof(JSON.parse(JSON.stringify(proof.right)), { witness });

  return {
    ok: report.ok,
    witnessed: report.witnessed,
    unsealedTail: report.unsealedTail,
    status: status.right,
    proofHolds: check.ok,
    proofReachesWitness: check.kind !== 'unreadable' && check.witnessed,
  };
}
