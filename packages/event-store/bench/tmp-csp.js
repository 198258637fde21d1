const { createMemoryStore } = require('../dist/index.js');
(async () => {
  const s = createMemoryStore();
  const r = await s.append('risk-a', [{ eventId: 'e-1', type: 'RiskClosed', schemaVersion: 1, data: { riskId: 'a', reason: 'x' }, meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' } }], 'no-stream')();
  console.log(JSON.stringify(r).slice(0, 200));
})().catch((e) => console.log('THREW', e.message));
