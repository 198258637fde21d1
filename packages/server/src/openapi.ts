import { documentSchemas } from './schemas';
import type { ApiRoute } from './routes/registry';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  304: 'not modified (If-None-Match named the current ETag)',
  400: 'bad request: a field or parameter named in the problem',
  401: 'no credential, or one refused',
  403: 'the key cannot do this (read scope), or its role may not issue the command',
  404: 'not found',
  406: 'not acceptable',
  409: 'conflict: the stream moved, the item exists, or the commandId was reused',
  413: 'request body too large',
  415: 'unsupported media type',
  422: 'refused by a domain rule',
  429: 'rate limit reached',
  503: 'the store is unavailable, or the server is shutting down or not ready',
};

/** `/v1/trail/:stream` -> `/v1/trail/{stream}` */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, '{$1}');
}

const ref = (name: string): Record<string, string> => ({ $ref: `#/components/schemas/${name}` });

function operation(route: ApiRoute): Record<string, unknown> {
  const params = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = Object.entries(route.query ?? {}).map(([name, description]) => ({
    name,
    in: 'query',
    required: false,
    description,
    schema: { type: 'string' },
  }));
  const content = Object.fromEntries(
    route.ok.media.map((m) => [
      m,
      route.ok.schema === undefined ? {} : { schema: ref(route.ok.schema) },
    ]),
  );
  const responses: Record<string, unknown> = {
    [String(route.ok.status)]: { description: route.ok.description, content },
  };
  for (const status of route.errors)
    responses[String(status)] =
      status === 304
        ? { description: STATUS_TEXT[304] }
        : {
            description: STATUS_TEXT[status] ?? 'error',
            content: { 'application/problem+json': { schema: ref('Problem') } },
          };
  return {
    summary: route.summary,
    ...(route.scope === 'public' ? { security: [] } : { 'x-assure-scope': route.scope }),
    parameters: [...params, ...query],
    ...(route.body === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(route.body) } },
          },
        }),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the routes the server registered, with the JSON Schemas of
 * its documents: generated from the same table the routes are registered from.
 */
export function openApiDocument(routes: readonly ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const p = (paths[openApiPath(route.url)] ??= {});
    p[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Assure',
      version: '1',
      description:
        'Read models, commands, a live change feed and audit proofs of an Assure event store. Actor and role come from the credential.',
    },
    paths,
    components: {
      schemas: {
        ...documentSchemas,
        CommandRequest: {
          oneOf: [
            ref('Command'),
            {
              type: 'object',
              required: ['commands'],
              properties: { commands: { type: 'array', items: ref('Command') } },
            },
          ],
        },
        Command: {
          type: 'object',
          required: ['type', 'data', 'meta'],
          additionalProperties: false,
          properties: {
            type: {
              type: 'string',
              description: 'a command type of the domain (docs/cli.md lists them)',
            },
            data: { type: 'object' },
            meta: {
              type: 'object',
              required: ['commandId'],
              additionalProperties: false,
              properties: {
                commandId: { type: 'string' },
                occurredAt: { type: 'string' },
                correlationId: { type: 'string' },
                causationId: { type: 'string' },
              },
            },
          },
        },
      },
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'an Assure API key, or a JWT when configured',
        },
      },
    },
    security: [{ bearer: [] }],
  };
}
