import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as E from 'fp-ts/Either';
import type { EventStore, ProposedEvent } from '@assure/event-store';
import { seededFolder } from './fixture';
import { key, start } from './helpers';

const ev = (type: string, data: Record<string, unknown>): ProposedEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  meta: {
    actor: 'officer-x',
    role: 'officer',
    occurredAt: '2015-01-02T00:00:00.000Z',
    commandId: randomUUID(),
  },
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A programme and 60 risks rescored 1,000 times each: enough frames (~250 bytes each) to
 * fill both sockets' buffers on loopback.
 */
async function fill(store: EventStore): Promise<void> {
  await store.append(
    'programme-p',
    [ev('ProgrammeEstablished', { programmeId: 'p', title: 'P', body: 'B', phase: 'x' })],
    'no-stream',
  )();
  for (let r = 0; r < 60; r++) {
    const riskId = `r${r}`;
    const events = [
      ev('RiskIdentified', {
        riskId,
        programmeId: 'p',
        title: riskId,
        category: 'c',
        owner: 'o',
        inherent: { likelihood: 4, impact: 4 },
        target: { likelihood: 2, impact: 2 },
        nextReviewOn: '2016-01-01',
      }),
    ];
    let prev = { likelihood: 4, impact: 4 };
    for (let k = 0; k < 1000; k++) {
      const cur = { likelihood: 1 + (k % 5), impact: prev.impact === 5 ? 1 : prev.impact + 1 };
      events.push(
        ev('RiskRescored', { riskId, ...cur, rationale: 'r', previous: prev, current: cur }),
      );
      prev = cur;
    }
    const w = await store.append(`risk-${riskId}`, events, 'no-stream')();
    if (E.isLeft(w)) throw new Error(w.left.message);
  }
}

describe('a slow feed client', () => {
  it('is dropped (a close event, then the connection let go) once its socket stays full, rather than queued for', async () => {
    const folder = await seededFolder(fill);
    const reader = (await key(folder.keys, 'dash', 'board', 'read')).secret;
    const running = await start(folder.file, folder.keys, {
      slowClientMs: 300,
      heartbeatMs: 60_000,
    });
    const port = new URL(running.url).port;
    const socket = net.connect(Number(port), '127.0.0.1');
    try {
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `GET /v1/feed HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${reader}\r\n\r\n`,
      );
      socket.pause(); // never reads
      let dropped = false;
      for (let i = 0; i < 100 && !dropped; i++) {
        await sleep(200);
        dropped = running.logs.join('').includes('"reason":"slow-client"');
      }
      expect(dropped).toBe(true);
      // The server lets go of the connection: it holds nothing for the client any more.
      const connections = () =>
        new Promise<number>((resolve) =>
          running.server.app.server.getConnections((_e, n) => resolve(n)),
        );
      let open = await connections();
      for (let i = 0; i < 50 && open > 0; i++) {
        await sleep(100);
        open = await connections();
      }
      expect(open).toBe(0);
    } finally {
      socket.destroy();
      await running.stop();
      await folder.remove();
    }
  });
});
