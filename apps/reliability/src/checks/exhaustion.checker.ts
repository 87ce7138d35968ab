import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { client } from '@tally/test-support';
import type { Deployment } from '../support/deployment.fixture';
import type { HeapFigures } from '../support/heap.probe';

const REFRESH = '/kibo/api/v5/inventory/refresh';
const MB = 1024 * 1024;
const PIECE = 64 * 1024;

/** What the exhaustion check measured on one deployment. */
export interface ExhaustionFigures {
  connections: number;
  /** Body size each connection announced, the most each would send before holding still, and what all sent before an answer stopped them. */
  declaredMb: number;
  sentMb: number;
  sentTotalMb: number;
  /** Server RSS before the bodies, and while they were held unfinished (garbage included). */
  rssBeforeMb: number;
  rssHeldMb: number;
  /** What the server still held after a full GC (heap objects and buffers), before and while the bodies were held. */
  keptBeforeMb: number;
  keptHeldMb: number;
  keptRiseMb: number;
  /** /health calls made while the bodies were held, and how many answered 200. */
  healthCalls: number;
  health200: number;
  /** Connections answered 401 (refused before the body), and the other answers seen (408: the server waited for the body). */
  refused401: number;
  otherAnswers: string;
}

/**
 * Check 12: `connections` clients each announce a Kibo refresh of `declaredMb` with a bearer
 * token no one issued, send up to `sentMb` of it (stopping when answered) and hold still. The server must refuse each with 401
 * before reading the body, keep no more memory after a full GC (the deployment must run with
 * `inspect`) and keep answering /health. A server that reads
 * bodies before checking credentials holds every one until its request timeout (then 408) and
 * its memory grows by what they sent.
 */
export async function checkExhaustion(
  deployment: Deployment,
  options: { connections: number; declaredMb: number; sentMb: number },
): Promise<{ figures: ExhaustionFigures; violations: string[] }> {
  const server = deployment.servers[0];
  const health = client(server.baseUrl, null);
  const violations: string[] = [];
  // Warm-up: the same refusals with small bodies, so the baseline includes what serving them costs anyway.
  await Promise.all(
    Array.from({ length: options.connections }, () =>
      health('POST', REFRESH, { json: { locationName: 'warm-up', items: [] }, headers: { authorization: `Bearer ${randomBytes(32).toString('base64url')}` } }),
    ),
  );
  await health('GET', '/health');
  const rssBefore = rssMb(server.pid);
  const keptBefore = keptMb(await server.heapAfterGc());

  const chunk = Buffer.alloc(options.sentMb * MB, 0x20);
  const held = await Promise.all(
    Array.from({ length: options.connections }, () =>
      holdBody(server.baseUrl, options.declaredMb * MB, chunk, `Bearer ${randomBytes(32).toString('base64url')}`),
    ),
  );
  // Every byte sent has left the client; what the server kept of it now shows in its memory.
  await Promise.all(held.map((h) => h.flushed));
  const statuses: number[] = [];
  const healthCalls = 10;
  for (let call = 0; call < healthCalls; call++) statuses.push((await health('GET', '/health')).status);
  const rssHeld = rssMb(server.pid);
  const keptHeld = keptMb(await server.heapAfterGc());
  const sentTotalMb = Math.round((held.reduce((sum, h) => sum + h.sent(), 0) / MB) * 10) / 10;
  const answers = await Promise.all(held.map((h) => h.answer));
  for (const h of held) h.socket.destroy();

  const refused401 = answers.filter((status) => status === 401).length;
  const others = answers.filter((status) => status !== 401);
  const health200 = statuses.filter((status) => status === 200).length;
  if (refused401 !== options.connections)
    violations.push(`${others.length} of ${options.connections} unfinished bodies were not refused 401 before being read`);
  if (health200 !== healthCalls) violations.push(`/health answered 200 to ${health200} of ${healthCalls} calls while the bodies were held`);
  const keptRise = keptHeld - keptBefore;
  // An eighth of what the clients would send: a server that keeps the bodies holds all of it.
  const sendable = options.connections * options.sentMb;
  if (keptRise > sendable / 8)
    violations.push(`the server kept ${keptRise} MB more after a full GC while ${sentTotalMb} MB of unauthenticated bodies were held`);
  return {
    figures: {
      connections: options.connections,
      declaredMb: options.declaredMb,
      sentMb: options.sentMb,
      sentTotalMb,
      rssBeforeMb: rssBefore,
      rssHeldMb: rssHeld,
      keptBeforeMb: keptBefore,
      keptHeldMb: keptHeld,
      keptRiseMb: keptRise,
      healthCalls,
      health200,
      refused401,
      otherAnswers: [...new Set(others)].join(' ') || '-',
    },
    violations,
  };
}

/** A request announcing `declared` bytes of body, of which `chunk` is sent; its first answer's status (0: closed without one). */
async function holdBody(
  baseUrl: string,
  declared: number,
  chunk: Buffer,
  authorization: string,
): Promise<{ socket: Socket; flushed: Promise<void>; answer: Promise<number>; sent: () => number }> {
  const url = new URL(baseUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port) });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  const answer = new Promise<number>((resolve) => {
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(received);
      if (status) resolve(Number(status[1]));
    });
    socket.once('close', () => resolve(0));
  });
  const head =
    `POST ${REFRESH} HTTP/1.1\r\nhost: tally.test\r\nauthorization: ${authorization}\r\n` +
    `content-type: application/json\r\ncontent-length: ${declared}\r\n\r\n`;
  socket.write(head);
  let answered = false;
  void answer.then(() => (answered = true));
  let sent = 0;
  // Sends the body 64 KB at a time as the server reads it, and stops once it has answered, as a client would.
  const flushed = (async () => {
    while (sent < chunk.length && !answered && !socket.destroyed) {
      const piece = chunk.subarray(sent, sent + PIECE);
      sent += piece.length;
      if (!socket.write(piece)) await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), answer]);
    }
    if (!answered && !socket.destroyed) await Promise.race([new Promise((resolve) => socket.write('', resolve)), answer]);
  })();
  return { socket, flushed, answer, sent: () => sent };
}

/** Heap objects and the buffers they hold, in MB. */
function keptMb(heap: HeapFigures): number {
  return Math.round((heap.heapUsedKb + heap.externalKb) / 1024);
}

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return Math.round(kb / 1024);
}
