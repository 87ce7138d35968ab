import fc from 'fast-check';
import Database from 'better-sqlite3';
import { Client as PgClient } from 'pg';
import { client, type Client } from '@tally/test-support';
import { inParallel, type Deployment } from '../support/deployment.fixture';
import { sqliteFile } from './credentials.checker';
import { inDialectOf } from './dialect-shape';
import type { QueuedJob, TextTemplate } from './text-safety.templates';

/** Texts Tally never accepts, by name: what a spoiled request carries. */
const UNSAFE: Readonly<Record<string, string>> = {
  NUL: '\u0000',
  'lone high surrogate': '\uD83D',
  'lone low surrogate': '\uDE00',
  'reversed pair': '\uDE00\uD83D',
  'NUL and surrogate': '\u0000\uDBFF',
};
/** How the rule names its refusal (the kit's `unsafeTextReason`): a line refused alone must carry it. */
const REASON = /must not contain (a NUL character|an unpaired surrogate)/;
/** A NUL or a lone surrogate as JSON writes them (a row is scanned as JSON), or the replacement character a store puts for one. */
const STORED_UNSAFE = /\\u0000|\\ud[89a-f][0-9a-f]{2}|\uFFFD/i;

/** A spoiled request, ready to send. */
export interface SpoiledRequest {
  readonly template: TextTemplate;
  /** Where the text went and what it was (`body value NUL`, `query name NUL`, `cursor lone low surrogate`...). */
  readonly mutation: string;
  readonly url: string;
  readonly body?: string;
  /** False for bytes that only look like a surrogate once decoded (`%ED%A0%80`): the server keeps them as the literal text they are. */
  readonly mustRefuse: boolean;
}

/** What the spoiled requests of one dialect got. */
export interface TextFigures {
  engine: string;
  dialect: string;
  requests: number;
  refused4xx: number;
  /** 2xx answers that refused the spoiled line alone, naming why (Kibo: in the job's messages). */
  lineRefused2xx: number;
  serverErrors: number;
  notInDialect: number;
  /** 2xx answers to a spoiled request that name no refusal: the text was taken. */
  acceptedUnrefused: number;
  byStatus: string;
}

type Position = { kind: 'body value' | 'body name'; path: (string | number)[] } | { kind: 'query value' | 'query name' | 'path' | 'cursor'; name: string };

/** Every place of a template one text can spoil. */
function positionsOf(template: TextTemplate): Position[] {
  const out: Position[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') out.push({ kind: 'body value', path });
    else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      out.push({ kind: 'body name', path });
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  if (template.body !== undefined) walk(template.body, []);
  for (const name of Object.keys(template.query)) out.push({ kind: 'query value', name }, { kind: 'query name', name });
  for (const name of Object.keys(template.params)) out.push({ kind: 'path', name });
  if (template.cursor) out.push({ kind: 'cursor', name: template.cursor });
  // A parameter no route reads is refused all the same.
  out.push({ kind: 'query value', name: 'note' });
  return out;
}

/** `text` with `unsafe` put in at `at` (modulo its length + 1). */
const spliced = (text: string, unsafe: string, at: number) => {
  const i = at % (text.length + 1);
  return `${text.slice(0, i)}${unsafe}${text.slice(i)}`;
};

function setAt(value: unknown, path: readonly (string | number)[], replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replace) : v));
  const record = value as Record<string, unknown>;
  return { ...record, [head]: setAt(record[head], rest, replace) };
}

/**
 * fast-check arbitrary of spoiled requests of one template: one text Tally never accepts (a NUL,
 * a lone surrogate of either half, a reversed pair) put at a random place of a random string of
 * the body, into a member name, a query parameter's value or name, a path segment or a forged
 * cursor. A query or path carries a NUL as `%00`; a surrogate cannot be percent-encoded, so there
 * the nearest thing is sent instead: its UTF-8-like bytes (`%ED%A0%80`), which must only never be a 5xx.
 */
export function spoiledRequests(baseUrl: string, template: TextTemplate): fc.Arbitrary<SpoiledRequest> {
  const positions = positionsOf(template);
  return fc.tuple(fc.constantFrom(...positions), fc.constantFrom(...Object.keys(UNSAFE)), fc.nat(), fc.boolean()).map(([position, name, at, asBytes]) => {
    const unsafe = UNSAFE[name];
    let body = template.body;
    const query: [string, string][] = Object.entries(template.query);
    // Path segments as they go on the wire.
    const segments = Object.fromEntries(Object.entries(template.params).map(([k, v]) => [k, encodeURIComponent(v)]));
    let extra = '';
    let mustRefuse = true;
    let what = name;
    switch (position.kind) {
      case 'body value':
        body = setAt(body, position.path, (old) => spliced(String(old), unsafe, at));
        break;
      case 'body name':
        body = setAt(body, position.path, (old) => ({ ...(old as object), [spliced('note', unsafe, at)]: 'x' }));
        break;
      case 'cursor': {
        const key = [spliced('2026-01-01T00:00:00.000Z', unsafe, at), spliced('id', unsafe, at + 1)];
        query.push([position.name, Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')]);
        break;
      }
      default: {
        // Query and path: a NUL, or (asBytes) the bytes of an encoded surrogate.
        const bytes = asBytes && name !== 'NUL';
        mustRefuse = !bytes;
        what = bytes ? 'surrogate bytes' : 'NUL';
        const insert = (text: string) => (bytes ? spliced(encodeURIComponent(text), '%ED%A0%80', 0) : encodeURIComponent(spliced(text, '\u0000', at)));
        if (position.kind === 'path') segments[position.name] = insert(template.params[position.name]);
        else if (position.kind === 'query value') {
          const i = query.findIndex(([k]) => k === position.name);
          if (i >= 0) query.splice(i, 1);
          extra = `${encodeURIComponent(position.name)}=${insert(template.query[position.name] ?? 'x')}`;
        } else {
          const i = query.findIndex(([k]) => k === position.name);
          extra = `${insert(position.name)}=${encodeURIComponent(query[i][1])}`;
          query.splice(i, 1);
        }
      }
    }
    const path = template.path.replace(/\{(\w+)\}/g, (_m, p: string) => segments[p]);
    const search = [...query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`), ...(extra ? [extra] : [])].join('&');
    return {
      template,
      mutation: `${position.kind} ${what}`,
      url: `${baseUrl}${path}${search ? `?${search}` : ''}`,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      mustRefuse,
    };
  });
}

/** The unspoiled request of a template. */
export function plainRequest(baseUrl: string, template: TextTemplate): SpoiledRequest {
  const path = template.path.replace(/\{(\w+)\}/g, (_m, p: string) => encodeURIComponent(template.params[p]));
  const search = new URLSearchParams(Object.entries(template.query)).toString();
  return {
    template,
    mutation: 'none',
    url: `${baseUrl}${path}${search ? `?${search}` : ''}`,
    ...(template.body !== undefined ? { body: JSON.stringify(template.body) } : {}),
    mustRefuse: false,
  };
}

/** Sends one request as a client of the template's dialect would. */
export async function send(request: SpoiledRequest): Promise<{ status: number; text: string; contentType: string; body: unknown }> {
  const headers: Record<string, string> = { ...request.template.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(request.url, { method: request.template.method, headers, body: request.body });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: no dialect answers that way; the shape check counts it.
  }
  return { status: response.status, text, contentType: response.headers.get('content-type') ?? '', body };
}

/**
 * Check 9 for a set of spoiled requests (8 at a time): sorts the answers by dialect. A 5xx, a
 * refusal outside the dialect's shape, or a 2xx that names no refusal of the spoiled line is a
 * violation; a queued Kibo job is handed back, to be read once it ran.
 */
export async function sendSpoiled(
  engine: string,
  requests: readonly SpoiledRequest[],
  admin: Client,
): Promise<{ figures: TextFigures[]; jobs: QueuedJob[]; samples: string[] }> {
  const rows = new Map<string, TextFigures & { statuses: Map<number, number> }>();
  const jobs: QueuedJob[] = [];
  const samples: string[] = [];
  const note = (line: string) => samples.length < 10 && samples.push(line);
  await inParallel(requests, 8, async (request) => {
    const dialect = request.template.dialect;
    const row = rows.get(dialect) ?? {
      engine,
      dialect,
      requests: 0,
      refused4xx: 0,
      lineRefused2xx: 0,
      serverErrors: 0,
      notInDialect: 0,
      acceptedUnrefused: 0,
      byStatus: '',
      statuses: new Map<number, number>(),
    };
    rows.set(dialect, row);
    const answer = await send(request);
    const path = new URL(request.url).pathname;
    const label = `${request.template.method} ${request.template.path} [${request.mutation}]`;
    row.requests++;
    row.statuses.set(answer.status, (row.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status >= 500) {
      row.serverErrors++;
      note(`${engine} ${label} → ${answer.status} ${answer.text.slice(0, 160)}`);
    } else if (answer.status >= 400) {
      row.refused4xx++;
      if (!inDialectOf(path)(answer.status, answer.body, answer.contentType)) {
        row.notInDialect++;
        note(`${engine} ${label} → ${answer.status} not in dialect: ${answer.text.slice(0, 160)}`);
      }
    } else if (!request.mustRefuse) {
      // Literal bytes a client may well send: nothing to refuse.
    } else if (request.template.job) {
      jobs.push({ jobId: (answer.body as { jobID: number }).jobID, admin });
      row.lineRefused2xx++;
    } else if (REASON.test(answer.text)) {
      row.lineRefused2xx++;
    } else {
      row.acceptedUnrefused++;
      note(`${engine} ${label} → ${answer.status} accepted: ${answer.text.slice(0, 160)}`);
    }
  });
  const figures = [...rows.values()].map(({ statuses, ...row }) => ({
    ...row,
    byStatus: [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}:${n}`)
      .join(' '),
  }));
  return { figures, jobs, samples };
}

/** The queued jobs that, once run, do not name the refusal of their spoiled item (polled through the canonical API). */
export async function jobsNotNamingTheRefusal(jobs: readonly QueuedJob[], limitMs = 180_000): Promise<number[]> {
  const deadline = Date.now() + limitMs;
  const silent: number[] = [];
  for (const { jobId, admin } of jobs) {
    for (;;) {
      const job = await admin('GET', `/api/v1/jobs/${jobId}`);
      if (job.status !== 200) throw new Error(`job ${jobId} answered ${job.status}`);
      if (job.body.status === 'SUCCESS' || job.body.status === 'FAILED') {
        const named = job.body.status === 'SUCCESS' && (job.body.messages as { message: string }[]).some((m) => REASON.test(m.message));
        if (!named) silent.push(jobId);
        break;
      }
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.body.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return silent;
}

/**
 * Every row of the database holding a NUL or a lone surrogate (as JSON writes them: `\u0000`,
 * `\ud83d`), or the replacement character a store puts for a lone surrogate it cannot keep, as
 * `table: column`: every table of the SQLite file, or of every schema of the PostgreSQL database.
 */
export async function unsafeTextStored(deployment: Deployment): Promise<string[]> {
  const found: string[] = [];
  const search = (table: string, row: Record<string, unknown>) => {
    for (const [column, value] of Object.entries(row)) {
      if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
        if (STORED_UNSAFE.test(JSON.stringify(value))) found.push(`${table}.${column}`);
      } else if (typeof value === 'string' && STORED_UNSAFE.test(JSON.stringify(value))) found.push(`${table}.${column}`);
    }
  };
  if (deployment.kind === 'postgres') {
    const pg = new PgClient({ connectionString: deployment.database.url });
    await pg.connect();
    try {
      const tables = await pg.query<{ schema: string; name: string }>(
        "SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')",
      );
      for (const { schema, name } of tables.rows)
        for (const row of (await pg.query(`SELECT * FROM "${schema}"."${name}"`)).rows) search(`${schema}.${name}`, row);
    } finally {
      await pg.end();
    }
    return [...new Set(found)];
  }
  const db = new Database(sqliteFile(deployment), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const { name } of tables) for (const row of db.prepare(`SELECT * FROM "${name}"`).iterate()) search(name, row as Record<string, unknown>);
  } finally {
    db.close();
  }
  return [...new Set(found)];
}

/** The admin client of a deployment's first server, for the checker's reads. */
export const adminOf = (deployment: Deployment): Client => client(deployment.servers[0].baseUrl, deployment.adminKey);
