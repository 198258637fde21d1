import * as E from 'fp-ts/Either';
import { ExitCode } from '@assure/cli';
import type { EventStore } from '@assure/event-store';
import { createEsdbStore } from '@assure/store-esdb';
import { EsdbDouble } from '@assure/store-esdb/testing';
import { riskRescoredData } from '@assure/testing';
import { runInProcess } from './in-process';
import { ESTABLISH, identifyEqualPay, rescoreEqualPay, tempDir } from './run';

/** The CLI in this process, its output kept. */
const run = (argv: readonly string[], cwd: string) =>
  runInProcess(argv, cwd, new Date('2015-03-01T09:00:00.000Z'));

describe('a conflict that outlasts the retries', () => {
  let double: EsdbDouble;
  let rival: EventStore;
  /** Set to arm the rival: it writes to this stream before each append the double judges. */
  let contested: string | undefined;
  let rivalWrites = 0;

  beforeAll(async () => {
    double = await EsdbDouble.start({
      batchAppend: false,
      beforeAppend: async (stream) => {
        if (stream !== contested) return;
        // Another writer gets in first: a review of the same risk, appended through the
        // adapter like any writer's (its chain is sound, so the handler reads it and retries).
        const r = await rival.append(
          stream,
          [
            {
              eventId: `rival-${++rivalWrites}`,
              type: 'RiskRescored',
              schemaVersion: 1,
              data: riskRescoredData(
                'equal-pay',
                { likelihood: 5, impact: 5 },
                { likelihood: 4, impact: 5 },
                'Settlements still outstanding at the monthly review',
              ),
              meta: {
                actor: 'officer-cfo',
                role: 'officer',
                occurredAt: '2015-02-27T00:00:00.000Z',
              },
            },
          ],
          'any',
        )();
        if (E.isLeft(r)) throw new Error(r.left.message);
      },
    });
    const opened = createEsdbStore(double.connectionString);
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    rival = opened.right;
  });

  afterAll(async () => {
    await rival.close();
    await double.stop();
  });

  it('ends the command with exit 3, the tagged conflict on stderr, and none of its events written', async () => {
    const cwd = tempDir();
    const store = ['--store', double.connectionString];
    const established = await run([...store, ...ESTABLISH], cwd);
    expect(established.err).toBe('');
    expect(established.code).toBe(ExitCode.ok);
    const identified = await run([...store, ...identifyEqualPay(), '--on', '2015-01-13'], cwd);
    expect(identified.code).toBe(ExitCode.ok);

    contested = 'risk-equal-pay';
    const rescored = await run(
      [
        ...store,
        '--json',
        ...rescoreEqualPay({
          likelihood: '3',
          impact: '4',
          rationale: 'First settlements paid',
          on: '2015-03-01',
        }),
      ],
      cwd,
    );
    contested = undefined;

    expect(rescored.code).toBe(ExitCode.conflict);
    expect(rescored.code).toBe(3);
    expect(rescored.err).toContain('WrongExpectedRevision');
    // One rival write before the first try and before each retry; none of the command's.
    const stored: string[] = [];
    for await (const e of rival.readStream('risk-equal-pay')) stored.push(e.eventId);
    expect(rivalWrites).toBeGreaterThan(1);
    expect(stored.filter((id) => !id.startsWith('rival-'))).toHaveLength(1);
    expect(stored.filter((id) => id.startsWith('rival-'))).toHaveLength(rivalWrites);
  });
});
