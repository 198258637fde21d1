import { promises as fs } from 'node:fs';
import { openApiPath } from '../src/openapi';
import { seededFolder, type Folder } from './fixture';
import { request, start, type Running } from './helpers';

describe('the OpenAPI document', () => {
  let folder: Folder;
  let running: Running;
  const registered: { method: string; url: string }[] = [];

  beforeAll(async () => {
    folder = await seededFolder(3);
    await fs.writeFile(
      folder.keys,
      JSON.stringify({ format: 'assure-keys', version: 1, keys: [] }),
    );
    running = await start(folder.file, folder.keys);
    // Every route Fastify knows, from its own router's tree (HEAD: Fastify's twin of each GET).
    const tree = running.server.app.printRoutes({ commonPrefix: false });
    const stack: string[] = [];
    for (const line of tree.split('\n')) {
      const at = line.search(/[├└]/);
      const m = /── (\S+) \(([A-Z, ]+)\)/.exec(line);
      if (at < 0 || m === null) continue;
      const depth = at / 4;
      const url = (depth === 0 ? '' : (stack[depth - 1] ?? '')) + (m[1] ?? '');
      stack[depth] = url;
      for (const method of (m[2] ?? '').split(', '))
        if (method !== 'HEAD') registered.push({ method, url });
    }
  });
  afterAll(async () => {
    await running.stop();
    await folder.remove();
  });

  it('is OpenAPI 3.1, served without a credential, and lists exactly the routes the server answers', async () => {
    const r = await request(`${running.url}/v1/openapi.json`);
    expect(r.status).toBe(200);
    const doc = r.json as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    // The dashboard's page and files (`/`, `/index.html`, `/assets/...`, `/palette.css`) are not API.
    const served = registered
      .filter((x) => x.url.startsWith('/v1/') || x.url === '/healthz' || x.url === '/readyz')
      .map((x) => `${x.method} ${openApiPath(x.url)}`)
      .sort();
    expect(served.length).toBeGreaterThan(10);
    expect(documented).toEqual(served);
  });

  it('refers only to schemas it defines', async () => {
    const r = await request(`${running.url}/v1/openapi.json`);
    const text = r.text;
    const doc = r.json as { components: { schemas: Record<string, unknown> } };
    const refs = [...text.matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const name of new Set(refs)) expect(Object.keys(doc.components.schemas)).toContain(name);
  });
});
