import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { OutboundFetch, OutboundRequestInit, OutboundResponse } from './outbound-fetch.model';

/** Settings of {@link pooledHttpFetch}. */
export interface PooledHttpFetchOptions {
  /** The longest one request may take, answer included; it then fails as a network error. */
  readonly timeoutMs: number;
  /** Sockets kept per channel host (requests beyond wait for one). */
  readonly maxSocketsPerHost?: number;
  /** The largest answer read; a bigger one fails the request rather than fill the memory. */
  readonly maxAnswerBytes?: number;
}

const DEFAULT_MAX_SOCKETS = 32;
const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** An error shaped as `fetch`'s: its cause carries the network error's code. */
function networkError(message: string, code: string, name = 'Error'): Error {
  const error = new Error(message, { cause: { code } });
  error.name = name;
  return error;
}

/**
 * An {@link OutboundFetch} on `node:http` with kept-alive sockets per host. The dispatcher sends
 * thousands of requests a minute from the process that also serves the API: `fetch` spends
 * several times this client's CPU per request (web streams, a request clone, an abort signal and
 * a timer per call that fires long after the answer). A request on a kept-alive socket that the
 * channel had closed meanwhile fails before any answer, so it is sent once more on a new socket.
 */
export function pooledHttpFetch(options: PooledHttpFetchOptions): OutboundFetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSocketsPerHost ?? DEFAULT_MAX_SOCKETS, scheduling: 'lifo' as const };
  const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };
  const maxBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  return async (url, init = {}) => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw networkError(`unsupported protocol ${target.protocol}`, 'EPROTO');
    const secure = target.protocol === 'https:';
    const send = () => exchange(target, secure ? httpsRequest : httpRequest, secure ? agents.https : agents.http, init, options.timeoutMs, maxBytes);
    try {
      return await send();
    } catch (error) {
      if (error instanceof StaleSocketError) return send();
      throw error;
    }
  };
}

/** A kept-alive socket the peer had closed: the request never reached it. */
class StaleSocketError extends Error {}

function exchange(
  target: URL,
  request: (options: RequestOptions) => ClientRequest,
  agent: HttpAgent,
  init: OutboundRequestInit,
  timeoutMs: number,
  maxBytes: number,
): Promise<OutboundResponse> {
  return new Promise<OutboundResponse>((resolve, reject) => {
    const signal = init.signal;
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    const headers: Record<string, string | number> = { ...init.headers };
    if (body !== undefined) headers['content-length'] = body.length;
    const req = request({
      protocol: target.protocol,
      hostname: target.hostname.replace(/^\[|\]$/g, ''),
      port: target.port,
      path: `${target.pathname}${target.search}`,
      method: init.method ?? 'GET',
      headers,
      agent,
    });
    let answered = false;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: Error) => finish(() => reject(error));
    const onAbort = () => {
      req.destroy();
      fail(abortError());
    };
    const timer = setTimeout(() => {
      req.destroy();
      fail(networkError(`no answer within ${timeoutMs} ms`, 'ETIMEDOUT', 'TimeoutError'));
    }, timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      fail(stale ? new StaleSocketError(error.message) : networkError(error.message, error.code ?? 'EIO'));
    });
    req.on('response', (res: IncomingMessage) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy();
          fail(networkError(`answer larger than ${maxBytes} bytes`, 'EMSGSIZE'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error: NodeJS.ErrnoException) => fail(networkError(error.message, error.code ?? 'EIO')));
      res.on('end', () => finish(() => resolve(answerOf(res, Buffer.concat(chunks, size).toString('utf8')))));
    });
    req.end(body);
  });
}

function abortError(): Error {
  const error = new Error('the request was aborted');
  error.name = 'AbortError';
  return error;
}

function answerOf(res: IncomingMessage, text: string): OutboundResponse {
  const status = res.statusCode ?? 0;
  const raw = res.headers;
  return {
    status,
    ok: status >= 200 && status <= 299,
    headers: {
      get(name: string): string | null {
        const value = raw[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => Promise.resolve(text),
    json: () => Promise.resolve().then(() => JSON.parse(text) as unknown),
  };
}
