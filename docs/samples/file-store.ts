import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import { createCommandHandler } from '@assure/event-store';
import { openFileStore } from '@assure/store-file';

/** Writes to the embedded file store, closes it, and reads it back as a reader. */
export async function fileStore() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'assure-file-')), 'events.ndjson');

  const opened = await openFileStore(file)(); // the writer: takes PATH.lock, fsyncs every append
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const writer = opened.right;
  const handler = createCommandHandler({ store: writer, model: domainModel });
  const r = await handler.handle(
    {
      type: 'EstablishProgramme',
      data: {
        programmeId: 'bcc',
        title: 'Improvement programme',
        body: 'Birmingham City Council',
        phase: 'Panel oversight',
      },
    },
    { actor: 'pmo-admin', role: 'admin', occurredAt: '2015-01-20' },
  )();
  if (E.isLeft(r)) throw new Error(r.left.message);
  await writer.close();

  const reader = await openFileStore(file, { readOnly: true })(); // no lock: many readers
  if (E.isLeft(reader)) throw new Error(reader.left.message);
  const types: string[] = [];
  for await (const e of reader.right.readAll()) types.push(e.type);
  await reader.right.close();
  return types;
}
