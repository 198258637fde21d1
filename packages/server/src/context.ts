import type { EventStore } from '@assure/event-store';
import type { DocumentCache } from './documents';
import type { Principal } from './auth/verify';
import type { LiveModel } from './live';
import type { ApiRoute, RouteScope } from './routes/registry';

/** What every route module gets. */
export interface ServerContext {
  readonly store: EventStore;
  readonly live: LiveModel;
  readonly clock: () => Date;
  /** Every route registered, for the OpenAPI document. */
  readonly routes: ApiRoute[];
  /** Limits and timings. */
  readonly limits: ServerLimits;
  /** Commands in flight (graceful shutdown waits for them). */
  readonly inFlight: Set<Promise<unknown>>;
  /** True once shutdown began: new commands are refused with 503. */
  readonly closing: { value: boolean };
  /** Feed connections to end at shutdown. */
  readonly feeds: Set<() => void>;
  /** Documents serialized once per log position, route and parameters (see `DocumentCache`). */
  readonly documents: DocumentCache;
}

/** Limits of a server (see `ServerOptions`). */
export interface ServerLimits {
  readonly bodyLimit: number;
  readonly maxBatch: number;
  readonly heartbeatMs: number;
  readonly slowClientMs: number;
  readonly readWaitMs: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (see `RouteScope`). */
    scope?: RouteScope;
  }
  interface FastifyRequest {
    /** The authenticated principal (null on public routes). */
    principal: Principal | null;
  }
}
