import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { headlessChromium } from '@assure/audit';
import { bearer, key, post, request, tempDir } from './helpers';
import { assure, serve, type Served } from './process';

/**
 * The dashboard in a real browser (Debian's Chromium) against `assure serve` on the
 * Birmingham store, as an OS process on a free loopback port. The built binary and the
 * built page are used: `pnpm build` first (it builds the page into assets/dashboard).
 * The store is the README's demo store (`assure demo`).
 */
const CHROMIUM = '/usr/bin/chromium';
/**
 * Where the screenshots go: `.tmp/dashboard/` of the checkout (not committed), or the folder
 * in ASSURE_SCREENSHOTS; `ASSURE_SCREENSHOTS=docs/dashboard` refreshes the committed pictures
 * that docs/dashboard.md shows.
 */
const ROOT = path.resolve(__dirname, '../../..');
const SHOTS = path.resolve(ROOT, process.env['ASSURE_SCREENSHOTS'] ?? '.tmp/dashboard');
const AXE = require.resolve('axe-core/axe.min.js');
/** The example the demo store is loaded from. */
const COMMANDS = path.join(ROOT, 'examples/birmingham/commands.ndjson');

interface Counters {
  rag: string;
  recommendations: { open: number; overdue: number };
  actions: { completed: number; total: number };
  risks: { open: number; highestScore: number | null };
}
interface Area extends Counters {
  id: string;
  title: string;
  retired: boolean;
  advisers: { name: string }[];
}
interface StatusDoc {
  asAt: string;
  knownAt: string | null;
  programmes: { id: string; title: string; areas: Area[]; totals: Counters }[];
}

/** What a tile must say for these counters. */
function expected(c: Counters, retired: boolean): Record<string, string> {
  return {
    rag: retired ? 'RETIRED' : c.rag.toUpperCase(),
    'recs-open': String(c.recommendations.open),
    'recs-overdue': String(c.recommendations.overdue),
    'actions-done': `${c.actions.completed} of ${c.actions.total}`,
    'risks-open': String(c.risks.open),
    'risks-highest': c.risks.highestScore === null ? 'none' : String(c.risks.highestScore),
  };
}

/** What each tile (and the programme's totals) of the page says, field by field. */
async function tilesOf(page: Page): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const box of await page.locator('[data-area], [data-totals]').all()) {
    const area = await box.getAttribute('data-area');
    const id = area ?? `totals:${(await box.getAttribute('data-totals')) ?? ''}`;
    const fields: Record<string, string> = {};
    for (const f of await box.locator('[data-field]').all())
      fields[(await f.getAttribute('data-field')) ?? ''] = (await f.innerText()).trim();
    out[id] = fields;
  }
  return out;
}

/** The ids of the tracker's rows, in the page's order. */
async function trackerIds(page: Page): Promise<string[]> {
  const ids: string[] = [];
  for (const row of await page.locator('#tracker-table tbody tr').all())
    ids.push((await row.getAttribute('data-rec')) ?? '');
  return ids;
}

/** The browser's getComputedStyle, without the DOM's types in a Node test. */
interface Styles {
  getComputedStyle(el: unknown): {
    outlineStyle: string;
    outlineWidth: string;
    getPropertyValue(name: string): string;
  };
}
/** The stamp the page's bottom margin prints (@page in styles.css): the root's --print-stamp. */
const PRINT_STAMP = (): string =>
  (globalThis as unknown as Styles)
    .getComputedStyle(
      (globalThis as unknown as { document: { documentElement: unknown } }).document
        .documentElement,
    )
    .getPropertyValue('--print-stamp');
/** The outline's style and width (`solid 3px`). */
const OUTLINE = (el: unknown): string => {
  const s = (globalThis as unknown as Styles).getComputedStyle(el);
  return `${s.outlineStyle} ${s.outlineWidth}`;
};

/**
 * Run in the page: the words of the tracker's and the register's cells that the browser broke
 * inside (a word's two halves on two lines). A hyphen may end a line (`officer-` / `cfo`).
 */
const BROKEN_WORDS = `(() => {
  const out = [];
  for (const td of document.querySelectorAll('#tracker-table td, #risk-register td')) {
    const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n !== null; n = walk.nextNode()) {
      const words = /[^\\s-]+/g;
      for (let m = words.exec(n.textContent); m !== null; m = words.exec(n.textContent)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1) out.push(m[0]);
      }
    }
  }
  return out;
})()`;
/** Run in the page: the tables whose region scrolls sideways (wider than the page). */
const SCROLLING = `[...document.querySelectorAll('.scroll')]
  .filter((el) => el.scrollWidth > el.clientWidth + 1)
  .map((el) => el.querySelector('table')?.id ?? '?')`;
/** A4 landscape less the print margins (277 x 178 mm), in CSS pixels (96 to the inch). */
const PRINTED = { width: Math.floor((277 * 96) / 25.4), height: Math.floor((178 * 96) / 25.4) };
/** The bottom of an element, from the top of the document, in CSS pixels. */
const BOTTOM = (el: unknown): number =>
  (el as { getBoundingClientRect(): { bottom: number } }).getBoundingClientRect().bottom +
  (globalThis as unknown as { scrollY: number }).scrollY;

/** The tiles the API's status document calls for. */
function tilesFrom(doc: StatusDoc): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const p of doc.programmes) {
    out[`totals:${p.id}`] = expected(p.totals, false);
    for (const a of p.areas)
      out[a.id] = {
        ...expected(a, a.retired),
        advisers: a.advisers.length === 0 ? 'none' : a.advisers.map((x) => x.name).join(', '),
      };
  }
  return out;
}

describe('the dashboard, in Chromium, against assure serve on the Birmingham store', () => {
  let dir: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  let reader: string;
  let keysFile: string;
  let writer: string;
  const api = async (route: string): Promise<unknown> => {
    const r = await request(`${served.url}${route}`, { headers: bearer(reader) });
    expect(r.status).toBe(200);
    return r.json;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    dir = await tempDir();
    // The README's demo store: the Birmingham example, loaded (and sealed) by `assure demo`.
    const demo = await assure(['demo', '--dir', 'demo'], dir);
    expect(demo.code).toBe(0);
    const file = path.join(dir, 'demo', 'events.ndjson');
    const keys = path.join(dir, 'keys.json');
    keysFile = keys;
    writer = (await key(keys, 'officer-cfo', 'officer', 'write')).secret;
    // As the README's demo does: the server prints the dashboard's address and a one-time key.
    served = await serve(dir, file, keys, ['--one-time-key']);
    for (let i = 0; i < 100 && !served.stderr().includes('one-time key'); i++)
      await new Promise((r) => setTimeout(r, 50));
    const printed = /one-time key \(read, role board; revoked when the server stops\): (\S+)/.exec(
      served.stderr(),
    );
    expect(served.stderr()).toContain(`dashboard: ${served.url}/`);
    reader = printed?.[1] ?? '';
    expect(reader).toMatch(/^assure_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    browser = await chromium.launch(headlessChromium(CHROMIUM));
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    if (dir !== undefined) await fs.rm(dir, { recursive: true, force: true });
  });

  it('serves the page at / without a credential, under a CSP that allows only its own files', async () => {
    const r = await request(`${served.url}/`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(r.text).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
    expect(r.text).not.toMatch(/https?:\/\//); // no CDN
    const palette = await request(`${served.url}/palette.css`);
    expect(palette.text).toContain('.rag-amber{background:#f2b300;color:#1d2733}');
    const data = await request(`${served.url}/v1/status`);
    expect(data.status).toBe(401);
  });

  it('refuses a wrong key at sign-in, and signs in with a key kept out of the URL', async () => {
    await page.goto(`${served.url}/`);
    await page.getByLabel('API key or token').fill('assure_0000000000000000_wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/Unauthorized/);
    await page.getByLabel('API key or token').fill(reader);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-area]').first().waitFor();
    expect(page.url()).not.toContain(reader.slice(-20));
    await page.locator('[data-feed="live"]').waitFor();
  });

  it("shows a tile per priority area whose text equals the API's status", async () => {
    const doc = (await api('/v1/status')) as StatusDoc;
    expect(doc.programmes[0]?.areas.some((a) => a.retired)).toBe(true);
    expect(await tilesOf(page)).toEqual(tilesFrom(doc));
    const retired = doc.programmes[0]!.areas.find((a) => a.retired)!;
    await expect(page.locator(`[data-area="${retired.id}"]`).innerText()).resolves.toContain(
      'Retired from the programme',
    );
  });

  it("shows each risk's mitigating actions as the API's register lists them", async () => {
    const doc = (await api('/v1/risks')) as {
      rows: { id: string; mitigatingActions: { id: string; title: string | null }[] }[];
    };
    expect(doc.rows.some((r) => r.mitigatingActions.length > 0)).toBe(true);
    for (const r of doc.rows) {
      const shown: string[] = [];
      for (const li of await page.locator(`#risk-register tr[data-risk="${r.id}"] li`).all())
        shown.push(`${(await li.getAttribute('data-action')) ?? ''}: ${await li.innerText()}`);
      expect(shown).toHaveLength(r.mitigatingActions.length);
      for (const [i, a] of r.mitigatingActions.entries())
        expect(shown[i]).toContain(`${a.id}: ${a.title ?? a.id}`);
    }
  });

  it('filters the tracker to the overdue recommendations, and sorts it', async () => {
    const doc = (await api('/v1/tracker')) as { rows: { id: string; overdue: boolean }[] };
    const overdue = doc.rows.filter((r) => r.overdue).map((r) => r.id);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(doc.rows.length);
    expect((await trackerIds(page)).sort()).toEqual(doc.rows.map((r) => r.id).sort());
    await page.getByLabel('Overdue only').check();
    await page
      .locator('#tracker-count', { hasText: `Showing ${overdue.length} recommendation` })
      .waitFor();
    expect((await trackerIds(page)).sort()).toEqual([...overdue].sort());
    expect(page.url()).toContain('overdue=1');
    // Sorting by days overdue, descending: the column says so, and the numbers fall.
    await page.locator('button[data-sort="daysOverdue"]').click();
    await page.locator('button[data-sort="daysOverdue"]').click();
    await expect(
      page.locator('th:has(button[data-sort="daysOverdue"])').getAttribute('aria-sort'),
    ).resolves.toBe('descending');
    const days = (await page.locator('td[data-field="days-overdue"]').allInnerTexts()).map(Number);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    await page.getByLabel('Overdue only').uncheck();
  });

  it("travels to 2018-06-30: the tiles show that day's figures, and the link reproduces the view", async () => {
    const then = (await api('/v1/status?asAt=2018-06-30')) as StatusDoc;
    const now = (await api('/v1/status')) as StatusDoc;
    expect(tilesFrom(then)).not.toEqual(tilesFrom(now));
    await page.getByLabel(/^As at/).fill('2018-06-30');
    await page.getByRole('button', { name: 'Show this view' }).click();
    await page.locator('#as-at-stamp', { hasText: 'As at 2018-06-30' }).waitFor();
    expect(new URL(page.url()).searchParams.get('asAt')).toBe('2018-06-30');
    await page
      .locator('[data-totals] [data-field="recs-open"]', {
        hasText: new RegExp(`^${then.programmes[0]!.totals.recommendations.open}$`),
      })
      .waitFor();
    expect(await tilesOf(page)).toEqual(tilesFrom(then));
    // The link alone (in the same tab, still signed in) gives the same view.
    await page.goto(page.url());
    await page.locator('#as-at-stamp', { hasText: 'As at 2018-06-30' }).waitFor();
    await page.locator('[data-area]').first().waitFor();
    expect(await tilesOf(page)).toEqual(tilesFrom(then));
    await page.getByRole('button', { name: 'Back to today' }).click();
    await page.locator('#as-at-stamp', { hasText: `As at ${now.asAt}` }).waitFor();
  });

  it("opens an item's trail from the heat map: who, role, when, recorded, hash", async () => {
    await page.locator('#heatmap button[data-risk="equal-pay"]').click();
    await page.locator('#trail-table tbody tr').first().waitFor();
    const trail = (await api('/v1/trail/risk-equal-pay')) as {
      rows: { actor: string; role: string; hash: string }[];
    };
    const rows = await page.locator('#trail-table tbody tr').allInnerTexts();
    expect(rows).toHaveLength(trail.rows.length);
    for (const [i, r] of trail.rows.entries()) {
      expect(rows[i]).toContain(r.actor);
      expect(rows[i]).toContain(r.role);
      expect(rows[i]).toContain(r.hash);
    }
    expect(new URL(page.url()).searchParams.get('item')).toBe('risk-equal-pay');
    await page.getByRole('button', { name: 'Close the trail' }).click();
    await page.locator('#trail').waitFor({ state: 'detached' });
  });

  it("shows what was known at an instant: the figures are the API's knownAt answer, and the URL keeps it", async () => {
    // A known command of the example: the last action completed, and a minute before it.
    const lines = readFileSync(COMMANDS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const completed = lines
      .map((l) => JSON.parse(l) as { type: string; meta: { recordedAt: string } })
      .filter((c) => c.type === 'CompleteAction')
      .map((c) => c.meta.recordedAt)
      .sort();
    const last = completed[completed.length - 1];
    expect(last).toBeDefined();
    const knownAt = new Date(Date.parse(last ?? '') - 60_000).toISOString().slice(0, 16);
    const instant = `${knownAt}:00.000Z`;
    const then = (await api(`/v1/status?knownAt=${instant}`)) as StatusDoc;
    const now = (await api('/v1/status')) as StatusDoc;
    expect(then.knownAt).toBe(instant);
    const doneThen = then.programmes[0]!.totals.actions.completed;
    expect(doneThen).toBe(now.programmes[0]!.totals.actions.completed - 1);
    await page.getByLabel(/^As known at/).fill(knownAt);
    await page.getByRole('button', { name: 'Show this view' }).click();
    await page.locator('#as-at-stamp', { hasText: `as known at ${instant}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('knownAt')).toBe(instant);
    const totals = page.locator('[data-totals] [data-field="actions-done"]');
    await totals.filter({ hasText: new RegExp(`^${doneThen} of `) }).waitFor();
    expect(await tilesOf(page)).toEqual(tilesFrom(then));
    // The link alone gives the same view, and the form shows the instant.
    await page.goto(page.url());
    await page.locator('#as-at-stamp', { hasText: `as known at ${instant}` }).waitFor();
    await page.locator('[data-area]').first().waitFor();
    expect(await tilesOf(page)).toEqual(tilesFrom(then));
    await expect(page.getByLabel(/^As known at/).inputValue()).resolves.toBe(knownAt);
    await page.getByRole('button', { name: 'Back to today' }).click();
    await page.locator('#as-at-stamp', { hasText: 'as known at now' }).waitFor();
    expect(new URL(page.url()).searchParams.get('knownAt')).toBeNull();
  });

  it('is usable by keyboard alone: Tab to sign in, to the filters and to a heat-map cell, Enter opens the trail; focus is visible', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const kb = await context.newPage();
    /** Presses Tab until `target` has focus (at most `limit` times); how many presses. */
    const tabTo = async (target: string, limit: number): Promise<number> => {
      const focused = kb.locator(`${target}:focus`);
      for (let n = 0; n <= limit; n++) {
        if ((await focused.count()) === 1) return n;
        await kb.keyboard.press('Tab');
      }
      throw new Error(`Tab did not reach ${target} in ${limit} presses`);
    };
    /** The focused element shows the focus ring: :focus-visible and a 3 px outline. */
    const ringed = async (target: string): Promise<void> => {
      await expect(kb.locator(`${target}:focus-visible`).count()).resolves.toBe(1);
      await expect(kb.locator(target).evaluate(OUTLINE)).resolves.toBe('solid 3px');
    };
    try {
      await kb.goto(`${served.url}/`);
      await kb.getByLabel('API key or token').waitFor();
      await tabTo('#credential', 3);
      await ringed('#credential');
      await kb.keyboard.type(reader);
      await tabTo('button[type="submit"]', 1);
      await kb.keyboard.press('Enter');
      await kb.locator('[data-area]').first().waitFor();
      // The first stop is the skip link; then on to the tracker's filters.
      await kb.keyboard.press('Tab');
      await ringed('a.skip');
      await tabTo('input[name="overdue"]', 20);
      await ringed('input[name="overdue"]');
      await kb.keyboard.press('Space');
      await kb.locator('#tracker-count', { hasText: /overdue/ }).waitFor();
      await expect(kb.locator('input[name="overdue"]').isChecked()).resolves.toBe(true);
      expect(new URL(kb.url()).searchParams.get('overdue')).toBe('1');
      await kb.keyboard.press('Space');
      await expect(kb.locator('input[name="overdue"]').isChecked()).resolves.toBe(false);
      // On through the tracker and the register to the heat map's cell of a risk.
      const cell = '#heatmap button[data-risk="equal-pay"]';
      await tabTo(cell, 200);
      await ringed(cell);
      await kb.keyboard.press('Enter');
      await kb.locator('#trail-table tbody tr').first().waitFor();
      expect(new URL(kb.url()).searchParams.get('item')).toBe('risk-equal-pay');
      await kb.locator('#trail-h:focus').waitFor();
      await tabTo('#trail button', 1);
      await ringed('#trail button');
      await kb.keyboard.press('Enter');
      await kb.locator('#trail').waitFor({ state: 'detached' });
      // Closed, the focus is back on the cell's risk that opened it.
      await kb.locator(`${cell}:focus`).waitFor();
    } finally {
      await context.close();
    }
  });

  it('has no serious or critical axe-core violation (signed in, and at sign-in)', async () => {
    const source = readFileSync(AXE, 'utf8');
    const run = async (p: Page): Promise<{ id: string; impact: string; nodes: number }[]> => {
      await p.evaluate(source);
      return p.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {
              run: (
                o: unknown,
              ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
            };
          }
        ).axe;
        const r = await axe.run({
          runOnly: {
            type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'],
          },
        });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
    };
    const serious = (v: { impact: string }[]) =>
      v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
    await page.goto(`${served.url}/?item=risk-equal-pay`);
    await page.locator('#trail-table tbody tr').first().waitFor();
    expect(serious(await run(page))).toEqual([]);
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${served.url}/`);
      await fresh.getByLabel('API key or token').waitFor();
      expect(serious(await run(fresh))).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('takes full-page screenshots at 390, 1024 and 1440 pixels wide', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const shot = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await shot.goto(`${served.url}/?asAt=2019-10-31`);
      await shot.getByLabel('API key or token').fill(reader);
      await shot.getByRole('button', { name: 'Sign in' }).click();
      await shot.locator('#as-at-stamp', { hasText: 'As at 2019-10-31' }).waitFor();
      await shot.locator('[data-area]').first().waitFor();
      await shot.locator('[data-feed="live"]').waitFor();
      for (const width of [390, 1024, 1440]) {
        await shot.setViewportSize({ width, height: 900 });
        const file = path.join(SHOTS, `dashboard-${width}.png`);
        await shot.screenshot({ path: file, fullPage: true });
        expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
        // No word broken inside; from 1024 px on, no table needs scrolling sideways.
        await expect(shot.evaluate(BROKEN_WORDS)).resolves.toEqual([]);
        await expect(shot.evaluate(SCROLLING)).resolves.toEqual(
          width < 1024 ? ['tracker-table', 'risk-register', 'heatmap'] : [],
        );
      }
      // Printed (A4 landscape): the tiles start on page 1, under a compact header, and the
      // stamp (as at, known at, verification) is in the footer of every page.
      await shot.emulateMedia({ media: 'print' });
      await shot.setViewportSize(PRINTED);
      const firstRow = shot.locator('[data-area]').nth(2);
      expect(await firstRow.evaluate(BOTTOM)).toBeLessThan(PRINTED.height);
      await expect(shot.evaluate(PRINT_STAMP)).resolves.toMatch(
        /^"As at 2019-10-31; as known at now.*Ledger sealed 2019-11-01.*covered/,
      );
      const pdf = path.join(SHOTS, 'dashboard-print.pdf');
      await shot.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      await shot.emulateMedia({ media: 'screen' });
    } finally {
      await shot.close();
    }
  });

  it('updates a tile live when a command is posted through the API, without a reload', async () => {
    await page.goto(`${served.url}/`);
    await page.locator('[data-feed="live"]').waitFor();
    const before = (await api('/v1/status')) as StatusDoc;
    const finance = before.programmes[0]!.areas.find((a) => a.id === 'area-finance')!;
    expect(finance.risks.highestScore).not.toBe(25);
    await page.evaluate("globalThis.marker = 'same page'");
    const posted = await post(served.url, writer, {
      type: 'RescoreRisk',
      data: { riskId: 'equal-pay', likelihood: 5, impact: 5, rationale: 'claims rising again' },
      meta: { commandId: 'dashboard-live-1' },
    });
    expect(posted.status).toBe(200);
    const after = (await api('/v1/status')) as StatusDoc;
    expect(
      after.programmes[0]!.areas.find((a) => a.id === 'area-finance')!.risks.highestScore,
    ).toBe(25);
    await page
      .locator('[data-area="area-finance"] [data-field="risks-highest"]', { hasText: /^25$/ })
      .waitFor({ timeout: 5000 });
    expect(await tilesOf(page)).toEqual(tilesFrom(after));
    await expect(page.evaluate('globalThis.marker')).resolves.toBe('same page');
  });

  it('revokes the one-time key when the server stops', async () => {
    expect(await served.stop()).toBe(0);
    const listed = await assure(['keys', 'list', '--json', '--keys', keysFile], dir);
    const keys = (
      JSON.parse(listed.stdout) as { keys: { actor: string; revokedAt: string | null }[] }
    ).keys;
    const oneTime = keys.filter((k) => k.actor === 'dashboard');
    expect(oneTime).toHaveLength(1);
    expect(oneTime[0]?.revokedAt).not.toBeNull();
  });
});
