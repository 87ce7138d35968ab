/** A JSON schema of the OpenAPI document, loosely typed: the sampler reads only a few keywords. */
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
}

/** The OpenAPI document as the server serves it. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; security?: unknown[] }>>;
  components: { schemas: Record<string, Schema> };
}

/** Resolves `$ref`s and merges `allOf`, so a schema can be read directly. */
export function resolve(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolve(doc, doc.components.schemas[schema.$ref.split('/').pop() ?? '']);
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(doc, s));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  const variant = schema.oneOf?.[0] ?? schema.anyOf?.[0];
  return variant ? resolve(doc, variant) : schema;
}

/** A value of the documented shape: every property, the first enum value, the minimum. */
export function sample(doc: OpenApiDocument, raw: Schema, depth = 0): unknown {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined && schema.type !== 'object' && schema.type !== 'array') return schema.example;
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      if (depth > 4) return {};
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(doc, v, depth + 1)]));
    case 'array':
      return depth > 4 || !schema.items ? [] : Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => sample(doc, schema.items as Schema, depth + 1));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      return 'S'.repeat(Math.max(1, Math.min(schema.minLength ?? 1, 8)));
    default:
      return schema.properties ? sample(doc, { ...schema, type: 'object' }, depth) : 'x';
  }
}
