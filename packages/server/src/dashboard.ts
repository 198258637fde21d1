import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { REPORT_COLOURS } from '@assure/audit';
import { riskBandsV1 } from '@assure/domain';

/** Where the dashboard's built page lives (built by `pnpm build`, not committed). */
export const DASHBOARD_ROOT = path.resolve(__dirname, '../assets/dashboard');

/**
 * The dashboard's colours, from the one palette the board pack uses (`REPORT_COLOURS`, each
 * background with a text colour of 4.5:1 or more) and the risk bands of `risk-bands@1`:
 * `.rag-red|amber|green` (a RAG word or a band), `.tint-*` (an empty heat-map cell), and
 * `.score-N`/`.tint-score-N` for a heat-map cell of score N (1-25).
 */
export function paletteCss(): string {
  const parts: string[] = [];
  for (const k of ['red', 'amber', 'green'] as const) {
    const c = REPORT_COLOURS[k];
    parts.push(
      `.rag-${k}{background:${c.bg};color:${c.fg}}`,
      `.tint-${k}{background:${c.tint};color:#1d2733}`,
    );
  }
  for (let s = 1; s <= 25; s++) {
    const c = REPORT_COLOURS[riskBandsV1.colour(riskBandsV1.band(s))];
    parts.push(
      `.score-${s}{background:${c.bg};color:${c.fg}}`,
      `.tint-score-${s}{background:${c.tint};color:#1d2733}`,
    );
  }
  return `${parts.join('\n')}\n`;
}

/**
 * Serves the dashboard: its page at `/` and its built files (no credential: the page holds
 * no data; it asks for a key and calls `/v1` with it), and `/palette.css`. Without a built
 * page (a checkout that never built it) `/` is not served.
 */
export async function dashboardRoutes(app: FastifyInstance, root = DASHBOARD_ROOT): Promise<void> {
  const css = paletteCss();
  app.get('/palette.css', (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(css),
  );
  if (!existsSync(path.join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    // The built files' names carry their content hash; the page itself is revalidated.
    setHeaders: (res, file) => {
      res.setHeader(
        'cache-control',
        file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      );
    },
    cacheControl: false,
  });
}

/** The Content-Security-Policy: the page's own scripts, styles and API only (no inline code, no CDN). */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  manifestSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
} as const;
