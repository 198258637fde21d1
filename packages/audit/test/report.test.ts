import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { chromium } from 'playwright-core';
import { createMemoryStore, type EventStore, type ProposedEvent } from '@assure/event-store';
import { gatherReport, renderHtml, renderMarkdown, seal, type ReportData } from '@assure/audit';
import { later, storySpecs, type Spec } from './fixtures';

const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected right, got ${JSON.stringify(e.left)}`);
  return e.right;
};

const extra: Spec[] = [
  {
    stream: 'programme-bcc',
    type: 'MeetingRecorded',
    on: '2015-12-10',
    role: 'admin',
    data: {
      programmeId: 'bcc',
      bodyId: 'biip',
      meetingId: 'biip-2015-12',
      heldOn: '2015-12-10',
      attendees: ['panel-chair'],
      observers: ['auditor-gt'],
    },
  },
  {
    stream: 'risk-games',
    type: 'RiskIdentified',
    on: '2016-01-05',
    actor: 'officer-games',
    role: 'officer',
    data: {
      riskId: 'games',
      programmeId: 'bcc',
      areaId: 'area-waste',
      title: 'Commonwealth Games <delivery> & legacy',
      category: 'delivery',
      owner: 'officer-games',
      inherent: { likelihood: 3, impact: 5 },
      target: { likelihood: 2, impact: 3 },
      nextReviewOn: '2016-03-01',
    },
  },
];

async function buildStore(): Promise<EventStore> {
  let tick = 0;
  const store = createMemoryStore({ clock: () => new Date(Date.UTC(2019, 6, 1, 9, 0, 0, tick++)) });
  let n = 0;
  // Transaction time never goes backwards: a backdated entry is recorded when entered.
  let recorded = '';
  for (const s of [...storySpecs(), ...extra]) {
    n++;
    const p: ProposedEvent = {
      eventId: `evt-${n}`,
      type: s.type,
      schemaVersion: 1,
      data: s.data,
      meta: {
        actor: s.actor ?? 'admin-programme',
        role: s.role ?? 'admin',
        occurredAt: `${s.on}T00:00:00.000Z`,
        recordedAt: (recorded = later(recorded, `${s.on}T12:00:00.000Z`)),
        backfill: true,
      },
    };
    right(await store.append(s.stream, [p], 'any')());
  }
  right(await seal(store, { actor: 'auditor-gt', role: 'auditor' })());
  return store;
}

const CHROMIUM = '/usr/bin/chromium';
// Evaluated in the page (the test's TypeScript has no DOM types, so the one call is typed here).
type Styles = { getComputedStyle(el: unknown): { backgroundColor: string } };
const BACKGROUND = (el: unknown): string =>
  (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor;
const OUT = join(__dirname, '..', '.tmp');

describe('board pack / audit report', () => {
  let data: ReportData;
  beforeAll(async () => {
    data = right(
      await gatherReport(await buildStore(), {
        asAt: '2016-06-30',
        title: 'Birmingham City Council: board pack',
      })(),
    );
  });

  it('gathers the status, risks, overdue items and changes, with a verified root', () => {
    expect(data.verification).toMatchObject({ ok: true, treeSize: 17, sealsChecked: 1 });
    expect(data.policies).toEqual({ rag: 'bcc-cgip@1', riskBands: 'risk-bands@1' });
    expect(data.status.programmes[0]!.areas.map((a) => a.id).sort()).toEqual([
      'area-finance',
      'area-waste',
    ]);
    expect(data.risks.heatMap.flat().reduce((a, b) => a + b, 0)).toBe(
      data.risks.rows.filter((r) => r.status === 'open').length,
    );
    expect(data.changes.bodies.find((b) => b.bodyId === 'biip')?.lastMeeting?.heldOn).toBe(
      '2015-12-10',
    );
  });

  it('renders Markdown naming the policies, the times, the root and the tree size', () => {
    const text = renderMarkdown(data);
    expect(text).toContain('`bcc-cgip@1`');
    expect(text).toContain('`risk-bands@1`');
    expect(text).toContain('As at **2016-06-30**');
    expect(text).toContain(`Merkle root \`${data.verification.root}\``);
    expect(text).toContain(`**${data.verification.treeSize}** events`);
    expect(text).toContain('Commonwealth Games \\<delivery\\> & legacy');
  });

  it('renders HTML that headless chromium shows as tiles, a heat map and the provenance', async () => {
    const html = renderHtml(data);
    expect(html).not.toContain('<delivery>');
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, 'board-pack.html');
    writeFileSync(file, html);
    if (!existsSync(CHROMIUM)) {
      console.warn(
        `${CHROMIUM} is missing (apt-get install -y chromium): the browser check is skipped`,
      );
      return;
    }
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`file://${file}`);
      const areas = data.status.programmes[0]!.areas;
      const tiles = page.locator('section.tile');
      expect(await tiles.count()).toBe(areas.length);
      const rgb: Record<string, string> = {
        red: 'rgb(192, 57, 43)',
        amber: 'rgb(230, 155, 0)',
        green: 'rgb(46, 139, 87)',
      };
      for (const a of areas) {
        const tile = page.locator(`section.tile[data-area="${a.id}"]`);
        expect(await tile.isVisible()).toBe(true);
        expect(await tile.locator('h3').innerText()).toBe(a.title);
        expect((await tile.locator('.rag').innerText()).toLowerCase()).toBe(a.rag);
        expect(await tile.evaluate(BACKGROUND)).toBe(rgb[a.rag]);
      }
      expect(await page.locator('#heatmap td').count()).toBe(25);
      for (let l = 1; l <= 5; l++)
        for (let i = 1; i <= 5; i++) {
          const n = data.risks.heatMap[l - 1]![i - 1]!;
          const text = await page.locator(`#heatmap td[data-l="${l}"][data-i="${i}"]`).innerText();
          expect(text.trim()).toBe(n > 0 ? String(n) : '');
        }
      // A high score cell is red, a low one green (risk-bands@1).
      expect(await page.locator('#heatmap td[data-l="5"][data-i="5"]').evaluate(BACKGROUND)).toBe(
        rgb['red'],
      );
      expect(await page.locator('#heatmap td[data-l="1"][data-i="1"]').evaluate(BACKGROUND)).toBe(
        rgb['green'],
      );
      expect(await page.locator('#merkle-root').innerText()).toBe(data.verification.root);
      expect(await page.locator('#tree-size').innerText()).toBe(String(data.verification.treeSize));
      expect(await page.locator('#rag-policy').innerText()).toBe('bcc-cgip@1');
      expect(await page.locator('#as-at').innerText()).toBe('2016-06-30');
      expect(await page.locator('#verified').innerText()).toBe('passed');
      await page.screenshot({ path: join(OUT, 'board-pack.png'), fullPage: true });
      expect(existsSync(join(OUT, 'board-pack.png'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
