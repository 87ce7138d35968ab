import fc from 'fast-check';
import type { HeapFigures } from '../support/heap.probe';
import { inParallel } from '../support/deployment.fixture';
import { resolve, sample, type OpenApiDocument, type Schema } from './openapi.sampler';

/** One malformed request, as sent on the wire. */
export interface MalformedRequest {
  readonly mutation: string;
  readonly contentType: string | null;
  readonly body: string;
}

/** A write endpoint of the document and how to reach it. */
export interface WriteEndpoint {
  readonly method: string;
  readonly path: string;
  readonly url: string;
  readonly schema: Schema;
  readonly contentType: string;
  readonly headers: Record<string, string>;
  /** Fields that carry credentials in the body (RetailOPS) with the value that passes. */
  readonly bodyCredentials?: Record<string, string>;
}

/** What the requests to one endpoint got. */
export interface EndpointFigures {
  endpoint: string;
  requests: number;
  refused4xx: number;
  accepted2xx: number;
  serverErrors: number;
  notInDialect: number;
  byStatus: string;
  /** The kinds of mutation some answers accepted (a lenient dialect, or a mutation that stayed valid). */
  acceptedAs: string;
}

const HUGE = 'x'.repeat(300_000);

/**
 * fast-check arbitrary of malformed requests derived from the documented shape of an endpoint:
 * wrong types, huge strings and arrays, deep nesting, numbers past 2^53, `__proto__` keys,
 * wrong content types, bodies over the size limit, broken JSON, missing required fields.
 */
export function malformedRequests(doc: OpenApiDocument, endpoint: WriteEndpoint, bodyLimit: number): fc.Arbitrary<MalformedRequest> {
  const schema = resolve(doc, endpoint.schema);
  const example = { ...(sample(doc, schema) as Record<string, unknown>), ...(endpoint.bodyCredentials ?? {}) };
  const base = Array.isArray(sample(doc, schema)) ? (sample(doc, schema) as unknown[]) : example;
  const itemSchema = resolve(doc, schema.type === 'array' ? (schema.items ?? {}) : schema);
  const properties = itemSchema.properties ?? {};
  const fields = Object.keys(properties);
  const required = itemSchema.required ?? [];
  const bounded = fields.filter((f) => resolve(doc, properties[f]).maxLength !== undefined);
  const json = (mutation: string) => (value: unknown) => ({ mutation, contentType: endpoint.contentType, body: JSON.stringify(value) });
  const at = (value: unknown, field: string, replacement: unknown): unknown => {
    if (Array.isArray(value)) return value.map((v) => at(v, field, replacement));
    return { ...(value as Record<string, unknown>), [field]: replacement };
  };
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant('unknown');
  // A value of another JSON type than the documented one (never valid, whatever the field).
  const wrongValueFor = (f: string): fc.Arbitrary<unknown> => {
    const type = resolve(doc, properties[f] ?? {}).type;
    const options: fc.Arbitrary<unknown>[] = [];
    if (type !== 'string') options.push(fc.string({ minLength: 1, maxLength: 20 }).map((t) => `${t}!`));
    if (type !== 'integer' && type !== 'number') options.push(fc.integer());
    if (type === 'integer') options.push(fc.double({ noDefaultInfinity: true, noNaN: true }).filter((d) => !Number.isInteger(d)));
    if (type !== 'boolean') options.push(fc.boolean());
    if (type !== 'array') options.push(fc.array(fc.integer(), { minLength: 1, maxLength: 5 }));
    if (type !== 'object') options.push(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.string({ maxLength: 5 }), { minKeys: 1, maxKeys: 3 }));
    return fc.oneof(...options);
  };
  return fc.oneof(
    field.chain((f) => wrongValueFor(f).map((v) => json(`wrong type of ${f}`)(at(base, f, v)))),
    ...(bounded.length ? [fc.constantFrom(...bounded).map((f) => json(`huge string in ${f}`)(at(base, f, HUGE.slice(0, 50_000))))] : []),
    fc.tuple(field, fc.integer({ min: 10_001, max: 20_000 })).map(([f, n]) =>
      json(`huge array in ${f}`)(
        at(
          base,
          f,
          Array.from({ length: n }, () => 1),
        ),
      ),
    ),
    fc
      .integer({ min: 100, max: 5_000 })
      .map((depth) => ({ mutation: 'deep nesting', contentType: endpoint.contentType, body: `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}` })),
    fc.tuple(field, fc.constantFrom('9007199254740993', '1e400', '-1e309', '123456789012345678901234567890', '-9007199254740993', '1.5')).map(([f, n]) => ({
      mutation: `number past 2^53 in ${f}`,
      contentType: endpoint.contentType,
      body: JSON.stringify(at(base, f, '__N__')).replace(/"__N__"/g, n),
    })),
    fc.constantFrom('__proto__', 'constructor').map((key) => ({
      mutation: `${key} key`,
      contentType: endpoint.contentType,
      body: JSON.stringify(base).replace(/^\{/, `{"${key}":{"prototype":{"polluted":true},"polluted":true},`).replace(/^\[\{/, `[{"${key}":{"polluted":true},`),
    })),
    fc
      .constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream')
      .map((type) => ({ mutation: `content type ${type}`, contentType: type, body: JSON.stringify(base) })),
    fc.constant({
      mutation: 'over the body limit',
      contentType: endpoint.contentType,
      body: JSON.stringify(at(base, fields[0] ?? 'x', 'y'.repeat(bodyLimit + 1024))),
    }),
    fc.integer({ min: 1, max: 40 }).map((cut) => ({ mutation: 'broken JSON', contentType: endpoint.contentType, body: JSON.stringify(base).slice(0, -cut) })),
    fc.constantFrom('[]', '"text"', '123', 'null', 'true').map((body) => ({ mutation: `top level ${body}`, contentType: endpoint.contentType, body })),
    ...(required.length === 0
      ? []
      : [
          fc.constantFrom(...required).map((f) => {
            const copy = Array.isArray(base) ? base.map((v) => ({ ...(v as object) })) : { ...base };
            for (const item of Array.isArray(copy) ? copy : [copy]) delete (item as Record<string, unknown>)[f];
            return json(`without ${f}`)(copy);
          }),
        ]),
  );
}

/**
 * Check 5 for one endpoint: sends `count` generated malformed requests (8 at a time) and sorts
 * the answers; `inDialect` tells whether a refusal has the dialect's error shape.
 */
export async function sendMalformed(
  endpoint: WriteEndpoint,
  requests: readonly MalformedRequest[],
  inDialect: (status: number, body: unknown, contentType: string) => boolean,
  onEach: () => void,
): Promise<{ figures: EndpointFigures; samples: string[] }> {
  const figures: EndpointFigures = {
    endpoint: `${endpoint.method} ${endpoint.path}`,
    requests: 0,
    refused4xx: 0,
    accepted2xx: 0,
    serverErrors: 0,
    notInDialect: 0,
    byStatus: '',
    acceptedAs: '',
  };
  const statuses = new Map<number, number>();
  const samples: string[] = [];
  const accepted = new Map<string, number>();
  await inParallel(requests, 8, async (request) => {
    const headers: Record<string, string> = { ...endpoint.headers };
    if (request.contentType) headers['content-type'] = request.contentType;
    const response = await fetch(endpoint.url, { method: endpoint.method, headers, body: request.body });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: no dialect answers that way, counted below.
    }
    figures.requests++;
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    if (response.status >= 500) {
      figures.serverErrors++;
      if (samples.length < 5) samples.push(`${figures.endpoint} [${request.mutation}] → ${response.status} ${text.slice(0, 200)}`);
    } else if (response.status >= 400) {
      figures.refused4xx++;
      if (!inDialect(response.status, body, contentType)) {
        figures.notInDialect++;
        if (samples.length < 5) samples.push(`${figures.endpoint} [${request.mutation}] → ${response.status} not in dialect: ${text.slice(0, 200)}`);
      }
    } else {
      figures.accepted2xx++;
      accepted.set(request.mutation.replace(/ (of|in) .*/, ''), (accepted.get(request.mutation.replace(/ (of|in) .*/, '')) ?? 0) + 1);
    }
    onEach();
  });
  figures.acceptedAs = [...accepted.entries()].map(([m, n]) => `${m}:${n}`).join(' ');
  figures.byStatus = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([s, n]) => `${s}:${n}`)
    .join(' ');
  return { figures, samples };
}

/** Heap samples of a server under malformed input, and how much it kept. */
export interface MemoryFigures {
  requests: number;
  samples: number;
  heapStartKb: number;
  heapEndKb: number;
  heapMaxKb: number;
  heapRiseKb: number;
  externalRiseKb: number;
  codeRiseKb: number;
  rssStartKb: number;
  rssEndKb: number;
}

/**
 * Largest rise of heap objects plus external memory (after a full GC; compiled code is left out:
 * the optimizing compiler keeps adding code for a while) a run may keep, whatever its length: 4 MB is under 100 bytes per request of check 5's 48,000, so a leak of anything a
 * request carries (a body, a header set, a closure per connection) breaks it, while a cache that
 * fills up and stops (statements, compiled schemas) does not.
 */
export const HEAP_RISE_LIMIT_KB = 4 * 1024;

/** Sums a run's heap samples (first: after warm-up; last: after the final request). */
export function memoryFigures(requests: number, samples: readonly HeapFigures[]): MemoryFigures {
  const first = samples[0];
  const last = samples[samples.length - 1];
  return {
    requests,
    samples: samples.length,
    heapStartKb: first.heapUsedKb,
    heapEndKb: last.heapUsedKb,
    heapMaxKb: Math.max(...samples.map((s) => s.heapUsedKb)),
    heapRiseKb: last.heapUsedKb - first.heapUsedKb,
    externalRiseKb: last.externalKb - first.externalKb,
    codeRiseKb: last.codeKb - first.codeKb,
    rssStartKb: first.rssKb,
    rssEndKb: last.rssKb,
  };
}
