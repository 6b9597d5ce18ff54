/**
 * A minimal JSON Schema (2020-12 subset) validator: enough to check API responses against the
 * served OpenAPI document without another dependency. Supports $ref into #/components/schemas,
 * type, enum, const, properties, required, additionalProperties, propertyNames, items, anyOf,
 * oneOf, allOf, minimum, maximum, pattern, minLength, maxLength.
 */
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(actual: string, expected: string): boolean {
  return actual === expected || (expected === 'number' && actual === 'integer');
}

/** Validate `value`; returns a list of error strings (empty when valid). */
export function validate(value: unknown, schema: Schema, root: Schema, path = '$', errors: string[] = []): string[] {
  if (errors.length > 20) return errors;
  if (typeof schema.$ref === 'string') {
    const m = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref);
    if (!m) return errors.push(`${path}: unsupported $ref ${schema.$ref}`), errors;
    const target = (root.components as { schemas: Record<string, Schema> }).schemas[m[1]];
    if (!target) return errors.push(`${path}: unresolved $ref ${schema.$ref}`), errors;
    return validate(value, target, root, path, errors);
  }
  const t = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((x) => typeMatches(t, x))) return errors.push(`${path}: expected ${types.join('|')}, got ${t}`), errors;
  }
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ('const' in schema && schema.const !== value) errors.push(`${path}: expected const ${JSON.stringify(schema.const)}`);
  if (t === 'string') {
    const s = value as string;
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(s)) errors.push(`${path}: does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && s.length < schema.minLength) errors.push(`${path}: too short`);
    if (typeof schema.maxLength === 'number' && s.length > schema.maxLength) errors.push(`${path}: too long`);
  }
  if (t === 'number' || t === 'integer') {
    if (typeof schema.minimum === 'number' && (value as number) < schema.minimum) errors.push(`${path}: below minimum`);
    if (typeof schema.maximum === 'number' && (value as number) > schema.maximum) errors.push(`${path}: above maximum`);
  }
  if (t === 'object') {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) errors.push(`${path}: missing required "${r}"`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) validate(v, props[k], root, `${path}.${k}`, errors);
      else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property "${k}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        validate(v, schema.additionalProperties as Schema, root, `${path}.${k}`, errors);
      }
      if (schema.propertyNames) validate(k, schema.propertyNames as Schema, root, `${path}[key ${k}]`, errors);
    }
  }
  if (t === 'array' && schema.items) (value as unknown[]).forEach((v, i) => validate(v, schema.items as Schema, root, `${path}[${i}]`, errors));
  if (schema.allOf) for (const s of schema.allOf as Schema[]) validate(value, s, root, path, errors);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!schema[key]) continue;
    const ok = (schema[key] as Schema[]).filter((s) => validate(value, s, root, path, []).length === 0).length;
    if (key === 'anyOf' ? ok === 0 : ok !== 1) errors.push(`${path}: matches ${ok} of the ${key} alternatives`);
  }
  return errors;
}

/** The response schema of GET `path` (an OpenAPI path template) for `contentType`. */
export function responseSchema(doc: Schema, path: string, status = '200', contentType = 'application/json'): Schema {
  const op = ((doc.paths as Record<string, Record<string, Schema>>)[path] ?? {}).get;
  if (!op) throw new Error(`no GET ${path} in the OpenAPI document`);
  const resp = (op.responses as Record<string, Schema>)[status];
  if (!resp) throw new Error(`GET ${path} documents no ${status} response`);
  return ((resp.content as Record<string, Schema>)[contentType] as Schema).schema as Schema;
}
