import * as E from 'fp-ts/Either';
import { openFileStore } from '@assure/store-file';

/** One writer appends (acknowledged once fsynced); a reader in any process reads it back. */
export async function appendAndRead(file: string) {
  const opened = await openFileStore(file)(); // TaskEither<StoreError, FileStore>
  if (E.isLeft(opened)) throw new Error(opened.left.message); // e.g. locked by another writer
  const writer = opened.right;
  const r = await writer.append(
    'risk-equal-pay',
    [
      {
        eventId: '0b9f6d1e-1c2e-4222-8333-944445555666',
        type: 'RiskClosed',
        schemaVersion: 1,
        data: { riskId: 'equal-pay', reason: 'Settlements agreed' },
        meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' },
      },
    ],
    'no-stream',
  )();
  if (E.isLeft(r)) throw new Error(r.left.message); // WrongExpectedRevision, StoreUnavailable…
  await writer.close(); // releases PATH.lock

  const reader = await openFileStore(file, { readOnly: true })(); // no lock: any number of readers
  if (E.isLeft(reader)) throw new Error(reader.left.message);
  const read: string[] = [];
  for await (const e of reader.right.readAll()) read.push(`${e.position} ${e.stream} ${e.type}`);
  await reader.right.close();
  return read; // positions are byte offsets: the first event is at '0'
}
