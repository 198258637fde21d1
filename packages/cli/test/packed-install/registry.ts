import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import * as path from 'node:path';

/** A packed tarball and the manifest inside it (what `pnpm pack` wrote, workspace links rewritten). */
export interface Packed {
  readonly file: string;
  readonly manifest: Manifest;
}

/** The fields of a packed package.json this test reads. */
export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

/** A registry for one scope, listening on the loopback interface. */
export interface ScopeRegistry {
  /** The registry's URL, for `--@assure:registry=URL`. */
  readonly url: string;
  close(): Promise<void>;
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** Reads `package/package.json` out of a tarball (`tar` is on every machine this runs on). */
export function readPacked(file: string): Packed {
  const text = execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' });
  const json: unknown = JSON.parse(text);
  if (!isRecord(json) || typeof json.name !== 'string' || typeof json.version !== 'string')
    throw new Error(`${file}: package/package.json has no name or version`);
  const deps = json.dependencies;
  if (deps !== undefined && !isRecord(deps)) throw new Error(`${file}: bad dependencies`);
  return {
    file,
    manifest: {
      ...json,
      name: json.name,
      version: json.version,
      ...(json.private === true ? { private: true } : {}),
      ...(deps === undefined ? {} : { dependencies: stringRecord(file, deps) }),
    },
  };
}

function stringRecord(file: string, r: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) {
    if (typeof v !== 'string') throw new Error(`${file}: dependency ${k} has no version range`);
    out[k] = v;
  }
  return out;
}

/**
 * Serves packed tarballs as if they were published: npm asks it for the `@assure` scope only
 * (`--@assure:registry=URL`), and every other package comes from npm's usual registry or cache.
 * That is what lets `npm i -g @assure/cli` resolve the CLI's `@assure/*` dependencies before
 * anything is published. Hand-rolled (a packument and a tarball route) rather than a registry
 * server package: those bring a large dependency tree and a slow start for two routes.
 * `Cache-Control: no-store` and a fresh path per run keep npm's cache from mixing runs.
 */
export async function serveScope(packed: readonly Packed[]): Promise<ScopeRegistry> {
  const base = `/r${process.pid}-${Date.now()}`;
  const tarballs = new Map(packed.map((p) => [path.basename(p.file), readFileSync(p.file)]));
  const server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' || !url.startsWith(`${base}/`)) return send(404, 'text/plain', '');
    const rest = url.slice(base.length + 1);
    const tarball = rest.startsWith('-/') ? tarballs.get(rest.slice(2)) : undefined;
    if (tarball !== undefined) return send(200, 'application/octet-stream', tarball);
    const versions = packed.filter((p) => p.manifest.name === rest);
    if (versions.length === 0)
      return send(404, 'application/json', JSON.stringify({ error: 'not found' }));
    send(200, 'application/json', JSON.stringify(packument(rest, versions, origin() + base)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  const origin = () => `http://127.0.0.1:${address.port}`;
  return {
    url: `${origin()}${base}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function packument(name: string, versions: readonly Packed[], url: string): unknown {
  const entries = versions.map((p) => {
    const bytes = readFileSync(p.file);
    const dist = {
      tarball: `${url}/-/${path.basename(p.file)}`,
      integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      shasum: createHash('sha1').update(bytes).digest('hex'),
    };
    return [p.manifest.version, { ...p.manifest, _id: `${name}@${p.manifest.version}`, dist }];
  });
  const latest = versions[versions.length - 1]?.manifest.version ?? '0.0.0';
  return { name, 'dist-tags': { latest }, versions: Object.fromEntries(entries) };
}
