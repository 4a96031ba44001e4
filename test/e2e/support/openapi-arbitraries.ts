import fc from 'fast-check';

/** The part of an OpenAPI 3.0 document (as /docs-json serves it) the property suite reads. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  example?: unknown;
  minimum?: number;
  maximum?: number;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'delete' | 'patch', Operation>>>;
  components: { schemas: Record<string, Schema> };
}

export interface Route {
  method: 'get' | 'post' | 'put' | 'delete' | 'patch';
  path: string;
  pathParameters: Parameter[];
  queryParameters: Parameter[];
  body: Schema | null;
}

/** Every operation of the document, one route per method and path. */
export function routesOf(document: OpenApiDocument): Route[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    (Object.entries(operations) as [Route['method'], Operation][]).map(([method, operation]) => ({
      method,
      path,
      pathParameters: (operation.parameters ?? []).filter((p) => p.in === 'path'),
      queryParameters: (operation.parameters ?? []).filter((p) => p.in === 'query'),
      body: operation.requestBody?.content['application/json']?.schema ?? null,
    })),
  );
}

/** Values that make a request get past "not found" to the rules behind it, by member name. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/**
 * Strings a careless or hostile caller sends: any code unit (NUL, controls, lone surrogates),
 * other scripts, very long ones, and the classics (path traversal, SQL, prototype keys).
 */
export const junkString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.string({ unit: 'grapheme', minLength: 8, maxLength: 24 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\ud800', '\udc00', 'a', 'é', ' ', '\n'),
    minLength: 1,
  }),
  fc.constantFrom(
    '%00',
    '../../etc/passwd',
    "'; DROP TABLE es_events; --",
    '__proto__',
    'constructor',
    'x'.repeat(10_000),
    '1e-7',
    'NaN',
    '-1',
    '9'.repeat(40),
    '2090-01-01',
    '1994-02-30',
    '+33 6 00',
    'XX',
  ),
);

export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  junkString,
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(null, true, -1, 0, 1e-7, 1e308, -0, 2 ** 53 + 1, [], {}),
);

/** How a value is drawn: the schema, the hints, and how often a member is junk instead (0: never). */
export interface Drawing {
  document: OpenApiDocument;
  hints: Hints;
  junkWeight: number;
}

/**
 * A value shaped by the schema: its enums, types, formats and bounds, with hints for the members
 * that name something that must exist, and junk in place of any member now and then, so that
 * each rule is crossed.
 */
export function valueOf(schema: Schema, drawing: Drawing, name = '', depth = 0): fc.Arbitrary<unknown> {
  const shaped = shapedValueOf(schema, drawing, name, depth);
  return drawing.junkWeight > 0
    ? fc.oneof({ weight: 12, arbitrary: shaped }, { weight: drawing.junkWeight, arbitrary: junkValue })
    : shaped;
}

function shapedValueOf(schema: Schema, drawing: Drawing, name: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.$ref) return valueOf(resolve(schema.$ref, drawing.document), drawing, name, depth);
  if (schema.allOf?.[0]) return valueOf(schema.allOf[0], drawing, name, depth);
  const hint = drawing.hints[name];
  if (hint && schema.type !== 'array' && !schema.enum) return hint;
  const base = baseValueOf(schema, drawing, name, depth);
  return schema.nullable ? fc.option(base, { nil: null }) : base;
}

function baseValueOf(schema: Schema, drawing: Drawing, name: string, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      if (depth > 4 || !schema.properties) return fc.constant({});
      const members = Object.fromEntries(
        Object.entries(schema.properties).map(([member, child]) => [member, valueOf(child, drawing, member, depth + 1)]),
      );
      return fc.record(members, { requiredKeys: (schema.required ?? []).filter((key) => key in members) });
    }
    case 'array': {
      const items = schema.items ?? {};
      const item = drawing.hints[name] ?? shapedValueOf(items, drawing, `${name}[]`, depth + 1);
      return items.enum ? fc.uniqueArray(item, { maxLength: items.enum.length }) : fc.array(item, { maxLength: 3 });
    }
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: Math.ceil(schema.minimum ?? -5), max: Math.floor(Math.min(schema.maximum ?? 1000, 1000)) }),
        fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true }),
      );
    case 'boolean':
      return fc.boolean();
    default:
      return stringOf(schema);
  }
}

function stringOf(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.format === 'date')
    return fc.date({ noInvalidDate: true, min: new Date('1890-01-01') }).map((d) => d.toISOString().slice(0, 10));
  const example = typeof schema.example === 'string' ? [fc.constant(schema.example)] : [];
  return fc.oneof(...example, fc.string({ minLength: 1, maxLength: 12 }));
}

/** Where a required member sits in a body of this schema (its path of member names), nested objects included. */
export function requiredPaths(schema: Schema, document: OpenApiDocument, depth = 0): string[][] {
  const resolved = schema.$ref ? resolve(schema.$ref, document) : (schema.allOf?.[0] ?? schema);
  if (resolved !== schema) return requiredPaths(resolved, document, depth);
  if (depth > 4 || !schema.properties) return [];
  return Object.entries(schema.properties).flatMap(([member, child]) => [
    ...((schema.required ?? []).includes(member) ? [[member]] : []),
    ...requiredPaths(child, document, depth + 1).map((path) => [member, ...path]),
  ]);
}

/** The value without the member at `path` (a copy; the value is left as it is where the path does not lead). */
export function without(value: unknown, path: readonly string[]): unknown {
  const [member, ...rest] = path;
  if (member === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (rest.length === 0) return Object.fromEntries(entries.filter(([key]) => key !== member));
  return Object.fromEntries(entries.map(([key, inner]) => [key, key === member ? without(inner, rest) : inner]));
}

function resolve(ref: string, document: OpenApiDocument): Schema {
  const schema = document.components.schemas[ref.replace('#/components/schemas/', '')];
  if (!schema) throw new Error(`unresolved ${ref}`);
  return schema;
}

/**
 * Raw bodies no JSON encoder writes: nested past the limit, keys reaching the prototype, escapes
 * PostgreSQL cannot store, numbers beyond a double, and a few that are not JSON at all.
 */
export const rawJunkBody: fc.Arbitrary<string> = fc.constantFrom(
  '['.repeat(40) + ']'.repeat(40),
  '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"reason":"r\\u0000"}',
  '{"name":"\\ud800"}',
  '{"total":1e400,"available":-1e400,"service":"legal"}',
  '{"person":',
  '"just a string"',
  'null',
  '[]',
  '{}',
);

/**
 * Every string a request carried (path, query, body, and body member names a DTO could not have
 * declared) that is long enough to be recognised: the problem body must hold none of them.
 */
export function submittedStrings(values: unknown[]): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, member] of Object.entries(value)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(key)) found.push(key);
        visit(member);
      }
  };
  values.forEach(visit);
  return found;
}
