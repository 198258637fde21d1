import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { Command, commandTypes, toFieldErrors } from '@assure/domain';
import { buildJourney, toNdjson } from '../src';

const file = join(__dirname, '..', 'commands.ndjson');
const text = readFileSync(file, 'utf8');
const lines = text.trimEnd().split('\n');

describe('the Birmingham commands file', () => {
  it('is the one the typed journey generates (run `pnpm --filter @assure/example-birmingham generate`)', () => {
    expect(text).toBe(toNdjson(buildJourney()));
  });

  it('decodes line by line against the domain command codecs', () => {
    const bad: string[] = [];
    lines.forEach((raw, i) => {
      const line = JSON.parse(raw) as { type: unknown; data: unknown };
      const res = Command.decode({ type: line.type, data: line.data });
      if (E.isLeft(res)) bad.push(`line ${i + 1}: ${JSON.stringify(toFieldErrors(res.left))}`);
    });
    expect(bad).toEqual([]);
  });

  it('uses every command type at least once', () => {
    const used = new Set(lines.map((l) => (JSON.parse(l) as { type: string }).type));
    expect(commandTypes.filter((t) => !used.has(t))).toEqual([]);
  });

  it('gives every line an actor, a role, both times (backfill) and a unique command id', () => {
    const ids = new Set<string>();
    for (const raw of lines) {
      const { meta } = JSON.parse(raw) as { meta: Record<string, string> };
      expect(Object.keys(meta).sort()).toEqual(
        ['actor', 'commandId', 'occurredAt', 'recordedAt', 'role'].sort(),
      );
      expect(meta['occurredAt']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(meta['recordedAt']!).toISOString()).toBe(meta['recordedAt']);
      // recorded after it happened
      expect(meta['recordedAt']! > `${meta['occurredAt']!}T23:59:59.999Z`).toBe(true);
      ids.add(meta['commandId']!);
    }
    expect(ids.size).toBe(lines.length);
  });

  it('keeps valid time in order through the file', () => {
    const days = lines.map(
      (l) => (JSON.parse(l) as { meta: { occurredAt: string } }).meta.occurredAt,
    );
    expect([...days].sort()).toEqual(days);
    expect(days[0]).toBe('2014-12-09');
    expect(days[days.length - 1]).toBe('2019-10-31');
  });
});
