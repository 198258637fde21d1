const { createMemoryStore } = require('../dist/index.js');
const { openFileStore } = require('../../store-file/dist/index.js');
const os = require('os'), fs = require('fs'), path = require('path');
const good = { eventId: 'e-1', type: 'RiskClosed', schemaVersion: 1, data: { riskId: 'a' }, meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' } };
const cases = {
  noEventId: { ...good, eventId: undefined },
  numEventId: { ...good, eventId: 5 },
  noType: { ...good, type: undefined },
  strVersion: { ...good, schemaVersion: '1' },
  nullData: { ...good, data: null },
  arrData: { ...good, data: [1] },
  noActor: { ...good, meta: { role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' } },
  badOccurred: { ...good, meta: { ...good.meta, occurredAt: 'yesterday' } },
  nullEvent: null,
  noMeta: { ...good, meta: undefined },
};
(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-'));
  const f = await openFileStore(path.join(dir, 'e.ndjson'))();
  const stores = { memory: createMemoryStore(), file: f.right };
  for (const [name, bad] of Object.entries(cases))
    for (const [sn, s] of Object.entries(stores)) {
      let out;
      try { const r = await s.append('risk-a', [bad], 'any')(); out = r._tag === 'Left' ? `${r.left._tag}: ${r.left.message}` : 'WRITTEN'; } catch (e) { out = 'THREW ' + e.message; }
      console.log(name.padEnd(12), sn.padEnd(7), out.slice(0, 150));
    }
  await f.right.close();
})();
