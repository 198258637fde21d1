import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createMemoryStore, type EventStore } from '@assure/event-store';
import {
  changeGroups,
  gatherReport,
  renderHtml,
  renderMarkdown,
  REPORT_COLOURS,
  type ReportData,
} from '@assure/audit';
import { riskScore } from '@assure/testing';
import { appendBackfilledStory, right, riskSpec, storySpecs, type Spec } from './fixtures';

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
  riskSpec(
    { on: '2016-01-05', riskId: 'games', areaId: 'area-waste' },
    'Commonwealth Games <delivery> & legacy',
    { category: 'delivery', owner: 'officer-games' },
    { inherent: riskScore(3, 5), target: riskScore(2, 3), nextReviewOn: '2016-03-01' },
  ),
];

async function buildStore(): Promise<EventStore> {
  let tick = 0;
  const store = createMemoryStore({ clock: () => new Date(Date.UTC(2019, 6, 1, 9, 0, 0, tick++)) });
  await appendBackfilledStory(store, [...storySpecs(), ...extra]);
  return store;
}

const CHROMIUM = '/usr/bin/chromium';
// Evaluated in the page (the test's TypeScript has no DOM types, so the one call is typed here).
type Styles = { getComputedStyle(el: unknown): { backgroundColor: string; color: string } };
const BACKGROUND = (el: unknown): string =>
  (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor;
const COLOURS = (el: unknown): [string, string] => {
  const s = (globalThis as unknown as Styles).getComputedStyle(el);
  return [s.color, s.backgroundColor];
};

/** WCAG 2 contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string): number => {
    const [r, g, bl] = (c.match(/\d+/g) ?? []).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
const rgbOf = (hex: string): string =>
  `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
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
    expect(data.policies).toEqual({ rag: 'bcc-cgip@2', riskBands: 'risk-bands@1' });
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
    expect(text).toContain('`bcc-cgip@2`');
    expect(text).toContain('`risk-bands@1`');
    expect(text).toContain('As at **2016-06-30**');
    expect(text).toContain(`Merkle root \`${data.verification.root}\``);
    expect(text).toContain(`**${data.verification.treeSize}** events`);
    expect(text).toContain('Commonwealth Games \\<delivery\\> & legacy');
    expect(text).toContain('| **Programme total** |');
    expect(text).toContain('## Recommendation tracker');
    expect(text).toContain('## Risk register');
    expect(text).toContain('No witnessed root was given');
  });

  it('groups the changes since the last meeting by record, each group in date order', () => {
    for (const b of data.changes.bodies) {
      const groups = changeGroups(b.changes);
      expect(groups.flatMap((g) => g.rows).length).toBe(b.changes.length);
      for (const g of groups) {
        const days = g.rows.map((r) => r.occurredAt.slice(0, 10));
        expect(days).toEqual([...days].sort());
      }
    }
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
        red: rgbOf(REPORT_COLOURS.red.bg),
        amber: rgbOf(REPORT_COLOURS.amber.bg),
        green: rgbOf(REPORT_COLOURS.green.bg),
      };
      for (const a of areas) {
        const tile = page.locator(`section.tile[data-area="${a.id}"]`);
        expect(await tile.isVisible()).toBe(true);
        expect(await tile.locator('h3').innerText()).toBe(a.title);
        expect((await tile.locator('.rag').innerText()).toLowerCase()).toBe(a.rag);
        expect(await tile.evaluate(BACKGROUND)).toBe(rgb[a.rag]);
      }
      // Every coloured text on the page (tiles, badges, heat-map cells) is readable: 4.5:1.
      for (const sel of ['section.tile', '.badge', '#heatmap .cell'])
        for (const el of await page.locator(sel).all()) {
          const [fg, bg] = await el.evaluate(COLOURS);
          expect({ sel, ratio: contrast(fg, bg) >= 4.5 }).toEqual({ sel, ratio: true });
        }
      // The heat map labels its axes and names the risks in each cell.
      expect(await page.locator('#heatmap .axis.y').innerText()).toBe('Likelihood');
      expect(await page.locator('#heatmap .axis.x').innerText()).toBe('Impact');
      expect(await page.locator('#heatmap .cell').count()).toBe(25);
      const open = data.risks.rows.filter((r) => r.status === 'open');
      for (let l = 1; l <= 5; l++)
        for (let i = 1; i <= 5; i++) {
          const here = open.filter((r) => r.current.likelihood === l && r.current.impact === i);
          const cell = page.locator(`#heatmap .cell[data-l="${l}"][data-i="${i}"]`);
          expect(await cell.locator('li').allInnerTexts()).toEqual(here.map((r) => r.id));
        }
      expect(
        await page.locator('#heatmap .cell[data-l="5"][data-i="5"]').evaluate(BACKGROUND),
      ).toBe(rgbOf(REPORT_COLOURS.red.tint));
      expect(
        await page.locator('#heatmap .cell[data-l="1"][data-i="1"]').evaluate(BACKGROUND),
      ).toBe(rgbOf(REPORT_COLOURS.green.tint));
      // The tracker and the risk register, a row each.
      expect(await page.locator('#tracker-table tbody tr').count()).toBe(data.tracker.rows.length);
      expect(await page.locator('#risk-register tbody tr').count()).toBe(data.risks.rows.length);
      expect(await page.locator('#merkle-root').innerText()).toBe(data.verification.root);
      expect(await page.locator('#tree-size').innerText()).toBe(String(data.verification.treeSize));
      expect(await page.locator('#rag-policy').innerText()).toBe('bcc-cgip@2');
      expect(await page.locator('#as-at').innerText()).toBe('2016-06-30');
      expect(await page.locator('#verified').innerText()).toBe('passed, not witnessed');
      expect(await page.locator('#witness').innerText()).toContain('No witnessed root was given');
      await page.screenshot({ path: join(OUT, 'board-pack.png'), fullPage: true });
      expect(existsSync(join(OUT, 'board-pack.png'))).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
