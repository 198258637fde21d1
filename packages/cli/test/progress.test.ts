import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { startProgress, trackReads, type CliIo } from '@assure/cli';
import { createMemoryStore, readAllInBatches, type EventStore } from '@assure/event-store';
import { assure, BIN, BIRMINGHAM, LOADER, tempDir } from './run';

/** A pretend terminal for the bars: collects what is drawn on it. */
class FakeTerminal extends PassThrough {
  readonly isTTY = true;
  readonly columns = 100;
  drawn = '';
  constructor() {
    super();
    this.on('data', (chunk: Buffer) => {
      this.drawn += chunk.toString('utf8');
    });
  }
}

const ioOf = (isTTY: boolean, terminal: FakeTerminal): CliIo => ({
  out: () => undefined,
  err: () => undefined,
  isTTY,
  progressStream: terminal,
  cwd: process.cwd(),
  stdin: new PassThrough(),
  now: () => new Date('2019-11-30T12:00:00.000Z'),
});

/** Fills a store with `n` small events `e-0..` over `streams` streams. */
async function notedStore<S extends EventStore>(store: S, n: number, streams: number): Promise<S> {
  for (let i = 0; i < n; i++) {
    const r = await store.append(
      `s-${i % streams}`,
      [
        {
          eventId: `e-${i}`,
          type: 'Noted',
          schemaVersion: 1,
          data: { i },
          meta: { actor: 'a', role: 'admin', occurredAt: '2019-01-01T00:00:00.000Z' },
        },
      ],
      'any',
    )();
    expect(r._tag).toBe('Right');
  }
  return store;
}

describe('the progress module', () => {
  it('draws on a terminal, and not under --json or when stdout is not one', () => {
    const draws = (isTTY: boolean, json: boolean): string => {
      const terminal = new FakeTerminal();
      const bar = startProgress(
        { io: ioOf(isTTY, terminal), globals: { store: 'memory:', json } },
        'work',
        10,
        'events',
      );
      bar.increment(4);
      bar.update(10);
      bar.stop();
      bar.stop();
      return terminal.drawn;
    };
    expect(draws(true, false)).toContain('work [');
    expect(draws(true, true)).toBe('');
    expect(draws(false, false)).toBe('');
  });

  it('passes every event through a tracked store, drawing only over full passes', async () => {
    const store = await notedStore(createMemoryStore(), 600, 7);
    const terminal = new FakeTerminal();
    const ctx = { io: ioOf(true, terminal), globals: { store: 'memory:', json: false } };
    const tracked = trackReads(ctx, 'pass', store, { kind: 'count', events: 600 });
    const all: string[] = [];
    for await (const e of tracked.readAll()) all.push(e.eventId);
    expect(all).toHaveLength(600);
    expect(terminal.drawn).toContain('pass [');
    const before = terminal.drawn.length;
    const tail: string[] = [];
    for await (const e of tracked.readAll({ from: 590n })) tail.push(e.eventId);
    expect(tail).toEqual(all.slice(590));
    expect(terminal.drawn.length).toBe(before);
    expect(trackReads(ctx, 'none', store, null)).toBe(store);
  });

  test('a batched full pass draws the bar too, and reads the same events', async () => {
    const store = await notedStore(createMemoryStore({ readBatchSize: 50 }), 300, 5);
    const terminal = new FakeTerminal();
    const ctx = { io: ioOf(true, terminal), globals: { store: 'memory:', json: false } };
    const tracked = trackReads(ctx, 'batched', store, { kind: 'count', events: 300 });
    const ids: string[] = [];
    for await (const batch of readAllInBatches(tracked)) for (const e of batch) ids.push(e.eventId);
    expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => `e-${i}`));
    expect(terminal.drawn).toContain('batched [');
    const before = terminal.drawn.length;
    const tail: string[] = [];
    for await (const batch of readAllInBatches(tracked, { from: 290n }))
      for (const e of batch) tail.push(e.eventId);
    expect(tail).toEqual(ids.slice(290));
    expect(terminal.drawn.length).toBe(before);
  });
});

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const hasScript = spawnSync('script', ['--version']).status === 0;

/** Runs the binary on a pseudo-terminal (util-linux `script`): stdout and stderr, merged. */
function onTerminal(cwd: string, args: readonly string[]): { code: number | null; output: string } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('ASSURE_') && v !== undefined) env[k] = v;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, output: r.stdout };
}

const STORE = ['--store', 'file:bcc.ndjson'];

(hasScript ? describe : describe.skip)('progress bars on a terminal (the binary on a pty)', () => {
  const cwd = tempDir();

  it('draws a bar for exec, reads, verify, export, import, replay, report and demo', () => {
    const cases: Array<[readonly string[], string]> = [
      [[...STORE, ...LOADER, 'exec', '--backfill', BIRMINGHAM], 'exec ['],
      [
        [...STORE, 'status', '--no-snapshot', '--as-at', '2019-03-31'],
        'reading the log for status [',
      ],
      [[...STORE, 'tracker', '--no-snapshot'], 'reading the log for tracker ['],
      [[...STORE, 'risks', '--no-snapshot'], 'reading the log for risks ['],
      [[...STORE, 'trail'], 'reading the log for trail ['],
      [[...STORE, 'verify'], 'verify ['],
      [[...STORE, 'export', '--out', 'bcc-export.ndjson'], 'export ['],
      [['verify', 'bcc-export.ndjson'], 'verify ['],
      [['replay', 'bcc-export.ndjson'], 'replay ['],
      [[...STORE, 'report', '--out', 'pack.md'], 'report ['],
      [['demo', '--dir', 'demo'], 'demo: loading the example ['],
      [['--store', 'file:copy.ndjson', 'import', 'bcc-export.ndjson'], 'import ['],
    ];
    for (const [args, label] of cases) {
      const r = onTerminal(cwd, args);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect({ args, drawn: r.output.includes(label) }).toEqual({ args, drawn: true });
    }
  });

  it('draws nothing under --json, even on a terminal', () => {
    for (const args of [
      [...STORE, '--json', 'status', '--no-snapshot'],
      ['--json', 'replay', 'bcc-export.ndjson'],
    ]) {
      const r = onTerminal(cwd, args);
      expect(r.code).toBe(0);
      const text = r.output.replace(/\r\n/g, '\n');
      expect(`${JSON.stringify(JSON.parse(text), null, 2)}\n`).toBe(text);
    }
  });
});

describe('no progress when stdout is not a terminal', () => {
  const cwd = tempDir();

  it('prints exactly the JSON document on stdout and nothing on stderr', () => {
    const runs: Array<readonly string[]> = [
      [...STORE, ...LOADER, '--json', 'exec', '--backfill', BIRMINGHAM],
      [...STORE, '--json', 'status', '--no-snapshot'],
      [...STORE, '--json', 'tracker', '--no-snapshot'],
      [...STORE, '--json', 'risks', '--no-snapshot'],
      [...STORE, '--json', 'trail'],
      [...STORE, '--json', 'verify'],
      [...STORE, '--json', 'export', '--out', 'e.ndjson'],
      ['--json', 'verify', 'e.ndjson'],
      ['--json', 'replay', 'e.ndjson', '--view', 'risks'],
      ['--store', 'file:copy.ndjson', '--json', 'import', 'e.ndjson'],
    ];
    for (const args of runs) {
      const r = assure(cwd, args);
      expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
      const doc: unknown = JSON.parse(r.stdout);
      expect(`${JSON.stringify(doc, null, 2)}\n`).toBe(r.stdout);
    }
  });

  it('prints no bar in human output either', () => {
    for (const args of [
      [...STORE, 'status', '--no-snapshot'],
      [...STORE, 'verify'],
      ['--store', 'file:other.ndjson', ...LOADER, 'exec', '--backfill', BIRMINGHAM],
    ]) {
      const r = assure(cwd, args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      for (const drawn of ['\r', '\u001b', '█', '░']) expect(r.stdout).not.toContain(drawn);
    }
    expect(readFileSync(path.join(cwd, 'other.ndjson'), 'utf8').length).toBeGreaterThan(0);
  });
});
