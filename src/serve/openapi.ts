/**
 * The OpenAPI 3.1 document, generated from the route table (routes.ts) and the zod schemas
 * (schemas.ts). Built once per process.
 */
import { z } from 'zod/v4';
import { components, ErrorBody, OpenApiDoc } from './schemas.ts';
import type { RouteDef } from './routes.ts';

type Json = Record<string, unknown>;

const REF = (id: string) => `#/components/schemas/${id}`;

function clean(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

/** JSON Schema of one input field, as the client sends it (a string in the URL). */
function inputSchema(field: z.ZodType): { schema: Json; required: boolean; description?: string } {
  const required = !field.safeParse(undefined).success;
  const schema = clean(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Json);
  const description = (schema.description as string | undefined) ?? field.description;
  delete schema.description;
  return { schema, required, description };
}

/** `$ref` to the registered component of a response schema. */
function refOf(schema: z.ZodType): Json {
  const meta = components.get(schema);
  if (!meta) throw new Error('response schema is not registered in components');
  return { $ref: REF(meta.id) };
}

function parameters(route: RouteDef): Json[] {
  const out: Json[] = [];
  for (const [where, obj] of [['path', route.params], ['query', route.query]] as const) {
    if (!obj) continue;
    for (const [name, field] of Object.entries(obj.shape as Record<string, z.ZodType>)) {
      const { schema, required, description } = inputSchema(field);
      out.push({ name, in: where, required: where === 'path' ? true : required, ...(description ? { description } : {}), schema });
    }
  }
  return out;
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: refOf(ErrorBody) } } });

export function buildOpenApi(routes: RouteDef[], version = '0.1.0'): Json {
  const paths: Json = {
    '/api/openapi.json': {
      get: {
        tags: ['meta'],
        summary: 'This document',
        operationId: 'getOpenapi',
        responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: refOf(OpenApiDoc) } } } },
      },
    },
  };
  for (const r of routes) {
    const ok: Json = { 'application/json': { schema: refOf(r.response) } };
    if (r.csv) ok['text/csv'] = { schema: { type: 'string' } };
    const opId = 'get' + r.path.replace(/^\/api/, '').replace(/[{}]/g, '').split(/[/_-]/).filter(Boolean).map((s) => s[0].toUpperCase() + s.slice(1)).join('');
    paths[r.path] = {
      get: {
        tags: [r.tag],
        summary: r.summary,
        ...(r.description ? { description: r.description } : {}),
        operationId: opId,
        parameters: parameters(r),
        responses: {
          '200': {
            description: 'OK',
            headers: {
              ETag: { description: 'Weak validator; send it back in If-None-Match', schema: { type: 'string' } },
              'Cache-Control': { schema: { type: 'string', const: 'no-cache' } },
            },
            content: ok,
          },
          '304': { description: 'Not modified (If-None-Match matched)' },
          '400': errorResponse('Invalid parameter'),
          ...(r.params ? { '404': errorResponse('Not found') } : {}),
          '500': errorResponse('Internal error (details are logged, never returned)'),
        },
      },
    };
  }
  const schemas = (z.toJSONSchema(components, { uri: (id) => REF(id) }) as { schemas: Record<string, Json> }).schemas;
  const cleaned: Record<string, Json> = {};
  for (const [k, v] of Object.entries(schemas)) cleaned[k] = clean(v);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Coopwatch API',
      version,
      description:
        'Read-only API over the Coopwatch store: articles, search, extracted facts (events, commitments, policies, entities) and analytic views. ' +
        'Lists use opaque cursor pagination (`next_cursor` → `cursor`) and stable ordering; near-duplicate articles are left out of counts. ' +
        'Lists are also available as CSV (`?format=csv` or `Accept: text/csv`). Errors are `{error: {code, message, field}}`. ' +
        'No authentication: bind to loopback.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'documents', description: 'Articles and full-text search' },
      { name: 'facts', description: 'Extracted records in the output-contract shape' },
      { name: 'analytics', description: 'Aggregated views for the dashboard' },
      { name: 'meta', description: 'Statistics, vocabularies and this document' },
    ],
    paths,
    components: { schemas: cleaned },
  };
}
