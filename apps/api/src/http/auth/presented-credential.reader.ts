import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parseBearerToken, type PresentedCredential } from '@tally/vendor-kit';
import type { FastifyRequest } from 'fastify';
import { sessionTokenOf } from '../../access/session/session.cookie';
import { DialectCatalog } from '../../dialects/dialect.catalog';
import type { ThrottledCredential } from './auth-failure.throttle';
import { apiKeyCounted } from './api-key.credential';

/** How a route of the canonical API takes its credential. */
export interface CanonicalCredentialRoute {
  /** The route needs no API key (then only `apiKeyField` can present one). */
  readonly isPublic: boolean;
  /** The body field that carries an API key (console sign-in). */
  readonly apiKeyField?: string;
}

// Ids Tally generates (connection credential ids, generated keys' public ids): shown in logs as they are.
const GENERATED_ID = /^(con_[A-Za-z0-9_-]{16}|tly_[A-Za-z0-9_-]{12})$/;

/**
 * Reads which credential a request presents, for the failed-authentication throttle, the way the
 * code that authenticates it reads it: a dialect's route through its descriptor, a canonical
 * route as the API key guard does (bearer key, else session cookie), the console sign-in from
 * its body. Remembers it per request, so the answer's status can be counted against it.
 */
@Injectable()
export class PresentedCredentialReader {
  private readonly presented = new WeakMap<FastifyRequest, ThrottledCredential | null>();

  constructor(private readonly dialects: DialectCatalog) {}

  /** The credential the request presents (null when none), remembered for {@link PresentedCredentialReader.recall}. */
  read(request: FastifyRequest, route: CanonicalCredentialRoute): ThrottledCredential | null {
    const credential = this.readUnremembered(request, route);
    this.presented.set(request, credential);
    return credential;
  }

  /** What {@link PresentedCredentialReader.read} found for the request; null when it was not read. */
  recall(request: FastifyRequest): ThrottledCredential | null {
    return this.presented.get(request) ?? null;
  }

  private readUnremembered(request: FastifyRequest, route: CanonicalCredentialRoute): ThrottledCredential | null {
    const path = request.url.split('?', 1)[0];
    const dialect = this.dialects.credentialReaderOf(path);
    if (dialect?.presentedCredential) {
      const presented = dialect.presentedCredential({
        method: request.method,
        path,
        headers: request.headers,
        query: (request.query ?? {}) as Record<string, unknown>,
        body: request.body,
      });
      return presented && throttledOf(dialect.name, presented);
    }
    if (route.apiKeyField) {
      const value = (request.body as Record<string, unknown> | undefined)?.[route.apiKeyField];
      return typeof value === 'string' && value.trim() ? apiKeyCredential(value.trim()) : null;
    }
    if (route.isPublic) return null;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const key = parseBearerToken(authorization);
      return key ? apiKeyCredential(key) : null;
    }
    const session = sessionTokenOf(request.headers.cookie, request.protocol === 'https');
    return session ? throttledOf('console', { kind: 'token', token: session }) : null;
  }
}

/**
 * An API key as the throttle counts it: a generated key by its public id, so guesses of one key
 * are one credential; a supplied key, which has no public part, by a digest of the whole key
 * under a per-process key, never shown in a form that could be tested offline (ADR 0045).
 */
export function apiKeyCredential(key: string): ThrottledCredential {
  return lazily(() => {
    const counted = apiKeyCounted(key);
    return { key: digest(`api-key:${counted.id}`), label: `API key ${counted.shown}` };
  });
}

function throttledOf(scope: string, presented: PresentedCredential): ThrottledCredential {
  if (presented.kind === 'credential-id') {
    return lazily(() => ({ key: digest(`${scope}:id:${presented.id}`), label: `${scope} credential ${shown(presented.id)}` }));
  }
  return lazily(() => {
    const tokenDigest = digest(`${scope}:token:${presented.token}`);
    return { key: tokenDigest, label: `${scope} token #${tokenDigest.slice(0, 8)}` };
  });
}

/**
 * A credential whose digests are computed when first read: the throttle reads them only once
 * some failure was counted, so a request in quiet times costs no hashing here.
 */
function lazily(compute: () => ThrottledCredential): ThrottledCredential {
  let computed: ThrottledCredential | undefined;
  const get = (): ThrottledCredential => (computed ??= compute());
  return {
    get key() {
      return get().key;
    },
    get label() {
      return get().label;
    },
  };
}

/**
 * An id as a log may show it: as it is when it has the shape of an id Tally generates, else a
 * digest, since a client that mixes up its fields may send a secret where the id belongs.
 */
function shown(id: string): string {
  return GENERATED_ID.test(id) ? id : `#${digest(id).slice(0, 8)}`;
}

function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}
