import { PassThrough } from 'node:stream';
import * as E from 'fp-ts/Either';
import { checkProof, exportLog, seal } from '@assure/audit';
import { startSeeded, type SeededServer } from './fixture';
import { bearer, expectCliValid, birminghamLines, request, seed } from './helpers';

const NOW = new Date('2019-11-01T00:00:00.000Z');

describe("the auditor's endpoints", () => {
  let running: SeededServer<'auditor'>;
  let auditor: string;
  let sealed: { treeSize: number; root: string; position: string };

  beforeAll(async () => {
    running = await startSeeded({
      contents: async (store) => {
        await seed(store, birminghamLines(45));
        const s = await seal(store, { actor: 'auditor-gt', role: 'auditor' })();
        if (E.isLeft(s)) throw new Error(s.left.message);
        sealed = s.right;
        await seed(store, [
          {
            type: 'RescoreRisk',
            data: { riskId: 'equal-pay', likelihood: 3, impact: 4, rationale: 'after the seal' },
            meta: {
              actor: 'officer-cfo',
              role: 'officer',
              occurredAt: '2019-04-01',
              commandId: 'after-seal',
            },
          },
        ]);
      },
      holders: { auditor: { actor: 'auditor-gt', role: 'auditor', scope: 'read' } },
      options: { clock: () => NOW },
    });
    auditor = running.issued.auditor.secret;
  });
  afterAll(() => running.stop());

  const get = (p: string) => request(`${running.url}${p}`, { headers: bearer(auditor) });

  it('streams the export, equal to `assure export` of the same log', async () => {
    const r = await get('/v1/audit/export');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const done = await exportLog(running.store, out, { now: () => NOW })();
    expect(E.isRight(done)).toBe(true);
    expect(r.text).toBe(Buffer.concat(chunks).toString('utf8'));
    expect(r.text.split('\n')[0]).toContain('"format":"assure-export"');
  });

  it('gives the latest seal', async () => {
    const r = await get('/v1/audit/seal');
    expect(r.status).toBe(200);
    await expectCliValid('envelope', r.json);
    expect(r.json).toMatchObject({
      position: sealed.position,
      type: 'LedgerSealed',
      data: { treeSize: sealed.treeSize, root: sealed.root },
    });
  });

  it('gives inclusion and consistency proofs that check', async () => {
    const trail = (await get('/v1/trail/risk-equal-pay')).json as { rows: { position: string }[] };
    const first = trail.rows[0]?.position;
    let eventId = '';
    for await (const e of running.store.readAll()) if (e.position === first) eventId = e.eventId;
    const inclusion = await get(
      `/v1/audit/proofs/inclusion/${eventId}?treeSize=${sealed.treeSize}`,
    );
    expect(inclusion.status).toBe(200);
    expect(inclusion.json).toMatchObject({ eventId, treeSize: sealed.treeSize, root: sealed.root });
    expect(checkProof(inclusion.json)).toMatchObject({ ok: true });
    await expectCliValid('inclusion-proof', inclusion.json);
    const consistency = await get(`/v1/audit/proofs/consistency?from=${sealed.treeSize}`);
    expect(consistency.status).toBe(200);
    expect(consistency.json).toMatchObject({ fromSize: sealed.treeSize, fromRoot: sealed.root });
    expect(checkProof(consistency.json)).toMatchObject({ ok: true });
    await expectCliValid('consistency-proof', consistency.json);
    const bad = await get('/v1/audit/proofs/consistency?from=999999');
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { _tag: 'BadTreeSize' } });
  });
});
