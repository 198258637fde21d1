import * as E from 'fp-ts/Either';
import { checkProof, exportLog, proveEvent, seal, verifyExport } from '@assure/audit';
import type { EventStore } from '@assure/event-store';

/** Seal, export, verify against the witnessed root, and prove one event. */
export async function sealExportVerify(store: EventStore, file: string, eventId: string) {
  // The auditor seals the ledger and keeps (treeSize, root) outside the system.
  const sealed = await seal(store, { actor: 'auditor-gt', role: 'auditor' })();
  if (E.isLeft(sealed)) throw new Error(sealed.left.message);
  const witness = { treeSize: sealed.right.treeSize, root: sealed.right.root };

  // Later: take the history away and check it against the witnessed root.
  const exported = await exportLog(store, file)();
  if (E.isLeft(exported)) throw new Error(exported.left.message);
  const report = await verifyExport(file, { witness });
  // { ok, events, streams, treeSize, root, sealsChecked, witnessed, unsealedTail, failures }

  // Prove one event to someone who holds only the witnessed root.
  const proof = await proveEvent(store, eventId, { treeSize: witness.treeSize })();
  if (E.isLeft(proof)) throw new Error(proof.left.message);
  return { report, proof: checkProof(proof.right) }; // { kind: 'inclusion', ok: true, witnessed: false }
}
