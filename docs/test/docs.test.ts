import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderCatalogue } from '../scripts/event-catalogue';
import { auditorsWalkthrough } from '../samples/audit';
import { fileStore } from '../samples/file-store';
import { quickstart } from '../samples/quickstart';
import { timeTravel } from '../samples/time-travel';

const docs = path.resolve(__dirname, '..');

describe('the docs', () => {
  it('have an event catalogue that matches the codecs (regenerate: pnpm --filter @assure/docs catalogue)', () => {
    expect(readFileSync(path.join(docs, 'event-catalogue.md'), 'utf8')).toBe(renderCatalogue());
  });

  const guides = readdirSync(docs).filter((f) => f.endsWith('.md'));
  const samplesSeen = new Set<string>();
  for (const guide of guides)
    it(`${guide}: every included sample equals its compiled file`, () => {
      const text = readFileSync(path.join(docs, guide), 'utf8');
      const re = /<!-- sample: (samples\/[a-z-]+\.ts) -->\n```ts\n([\s\S]*?)```/g;
      for (const m of text.matchAll(re)) {
        const file = m[1]!;
        samplesSeen.add(file);
        expect(m[2]).toBe(readFileSync(path.join(docs, file), 'utf8'));
      }
      // every marker is followed by its ts block
      expect([...text.matchAll(re)].length).toBe(text.split('<!-- sample:').length - 1);
    });

  it('include every sample somewhere', () => {
    const all = readdirSync(path.join(docs, 'samples')).map((f) => `samples/${f}`);
    for (const guide of guides) {
      const text = readFileSync(path.join(docs, guide), 'utf8');
      for (const f of all) if (text.includes(`<!-- sample: ${f} -->`)) samplesSeen.add(f);
    }
    expect(all.filter((f) => !samplesSeen.has(f))).toEqual([]);
  });
});

describe('the samples run', () => {
  it('quickstart', async () => {
    const { refused, status } = await quickstart();
    expect(refused).toBe('Forbidden');
    const area = status.programmes[0]?.areas[0];
    expect(area?.id).toBe('area-finance');
    expect(area?.recommendations.overdue).toBe(1);
    expect(area?.rag).toBe('red');
  });

  it('time travel', async () => {
    expect(await timeTravel()).toEqual({ asAt15March: 1, asKnownAt15March: 0 });
  });

  it("the auditor's walkthrough", async () => {
    const r = await auditorsWalkthrough();
    expect(r).toMatchObject({ ok: true, witnessed: true, unsealedTail: 0, proofHolds: true });
  });

  it('the file store', async () => {
    expect(await fileStore()).toEqual(['ProgrammeEstablished']);
  });
});

describe('the CLI reference', () => {
  it('names every domain command', async () => {
    const { COMMAND_PLACES } = await import('@assure/cli');
    const text = readFileSync(path.join(docs, 'cli.md'), 'utf8');
    const missing = Object.values(COMMAND_PLACES)
      .map((p) => `assure ${p.noun} ${p.verb}`)
      .filter((c) => !text.includes(c));
    expect(missing).toEqual([]);
  });
});
