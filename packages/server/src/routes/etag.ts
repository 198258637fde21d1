// Conditional reads: a document's entity tag, and the 304 for a matching If-None-Match.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pov } from './query';

/** The entity tag of a document: the log position it reflects and its point of view. */
export function etagOf(position: string | null, pov: Pov, extra = ''): string {
  return `"${position ?? 'empty'}|${pov.asAt}|${pov.knownAt ?? ''}${extra}"`;
}

/** True (and 304 sent) when the request's `If-None-Match` names this tag. */
export function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etag) && !tags.includes('*')) return false;
  reply.code(304).send();
  return true;
}
