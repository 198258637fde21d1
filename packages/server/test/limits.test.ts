import { suiteFolder } from './fixture';
import { bearer, key, request, start, type Running } from './helpers';

describe('limits and headers', () => {
  const folder = suiteFolder(3);

  it('limits each key on its own (429 problem), sends security headers, and leaves CORS off', async () => {
    const a = (await key(folder().keys, 'board-a', 'board', 'read')).secret;
    const b = (await key(folder().keys, 'board-b', 'board', 'read')).secret;
    const running: Running = await start(folder().file, folder().keys, { rateLimit: 5 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (
            await request(`${running.url}/v1/status`, {
              headers: { ...bearer(a), origin: 'https://app.example' },
            })
          ).status,
        );
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const limited = await request(`${running.url}/v1/status`, { headers: bearer(a) });
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(limited.json).toMatchObject({ status: 429, error: { _tag: 'TooManyRequests' } });
      const other = await request(`${running.url}/v1/status`, {
        headers: { ...bearer(b), origin: 'https://app.example' },
      });
      expect(other.status).toBe(200);
      expect(other.headers['x-content-type-options']).toBe('nosniff');
      expect(other.headers['content-security-policy']).toContain("default-src 'none'");
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await running.stop();
    }
  });

  it('allows the configured CORS origins only', async () => {
    const a = (await key(folder().keys, 'board-c', 'board', 'read')).secret;
    const running = await start(folder().file, folder().keys, {
      corsOrigins: ['https://app.example'],
    });
    try {
      const ok = await request(`${running.url}/v1/status`, {
        headers: { ...bearer(a), origin: 'https://app.example' },
      });
      expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
      const other = await request(`${running.url}/v1/status`, {
        headers: { ...bearer(a), origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await running.stop();
    }
  });
});
