import type { CanonicalErrorCode } from './canonical-error.codes';

/**
 * What a dialect says about itself. Each dialect lib exports one descriptor; the API composes
 * its dialects from one list of them, serves them at `GET /api/v1/dialects`, and derives every
 * dialect-specific table (routes, body limits, media types, error shapes, connection settings)
 * from it, so nothing outside a dialect's own lib and module names the dialect.
 */
export interface DialectDescriptor {
  /** Stable name, stored on connections: lowercase letters, digits and dashes (`kibo`). */
  readonly name: string;
  /** Human name of the vendor or protocol (`Kibo OMS`). */
  readonly title: string;
  /** One sentence on what the dialect carries. */
  readonly summary: string;
  /**
   * Path prefix every route of the dialect starts with (`/kibo/`); errors on any path under it
   * are answered in the dialect's shape. Null for a dialect without routes of its own.
   */
  readonly pathPrefix: string | null;
  /** The routes the dialect serves, as a client calls them. */
  readonly routes: readonly DialectRoute[];
  /** How a vendor's client authenticates on those routes. */
  readonly credential: DialectCredential;
  /**
   * The credential a request to one of the dialect's routes presents, read the way the dialect
   * reads it, for the failed-authentication throttle: the public credential id (never the
   * secret), or an opaque issued token. Null when the request presents none the dialect can read.
   * Required of every dialect with a path prefix; it must not throw on any input.
   */
  readonly presentedCredential?: (request: PresentedRequest) => PresentedCredential | null;
  /** The dialect's connection options (`settings.options`), as a JSON Schema object. */
  readonly settings: DialectSettingsSchema;
  /** Answers an error on the dialect's paths in the vendor's shape; absent for the canonical shape. */
  readonly renderError?: (problem: DialectProblem) => DialectErrorAnswer;
  /** How to point a vendor's client at Tally, with URLs built from the server's base URL. */
  connectGuide(context: DialectConnectContext): DialectConnectGuide;
}

/** What {@link DialectDescriptor.presentedCredential} may read of a request. */
export interface PresentedRequest {
  readonly method: string;
  /** The path, without the query. */
  readonly path: string;
  /** Header names in lowercase, as Node gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: Readonly<Record<string, unknown>>;
  /** The parsed body; undefined when the request has none or it is not read yet. */
  readonly body?: unknown;
}

/**
 * A credential a request presents, as the failed-authentication throttle counts it: a
 * connection's public credential id (its failures are counted per id, so guessing one
 * connection's secret from many addresses is stopped), or a token the server issued, which has
 * no public part (the throttle counts it by a digest and never logs it).
 */
export type PresentedCredential = { readonly kind: 'credential-id'; readonly id: string } | { readonly kind: 'token'; readonly token: string };

/** HTTP methods a dialect route may use. */
export type DialectHttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One route of a dialect. */
export interface DialectRoute {
  readonly method: DialectHttpMethod;
  /** Path template with `{name}` parameters, as the vendor documents it. */
  readonly path: string;
  /** What the route does, in a few words. */
  readonly summary: string;
  /** Media types the body may have; empty for a route without a body. JSON when absent. */
  readonly contentTypes?: readonly string[];
  /** A body limit of the route's own, instead of the server's `BODY_LIMIT`. */
  readonly bodyLimit?: DialectBodyLimit;
}

/** A route's own body limit: a setting with its default. */
export interface DialectBodyLimit {
  /** Environment variable that overrides the default (`KIBO_REFRESH_BODY_LIMIT`). */
  readonly setting: string;
  /** Default in bytes. */
  readonly defaultBytes: number;
}

/** How a client presents a connection's credential. */
export interface DialectCredential {
  /** The scheme, in words a vendor's documentation would use. */
  readonly scheme: 'api-key' | 'http-basic' | 'bearer-token' | 'oauth2-client-credentials' | 'token-and-email' | 'body-key' | 'login-token';
  /** How the client presents it, in one or two sentences. */
  readonly presentation: string;
}

/** A JSON Schema (object) for a connection's dialect options. */
export interface DialectSettingsSchema {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, DialectSettingProperty>>;
  readonly required?: readonly string[];
  readonly additionalProperties: boolean;
}

/** One option of a connection, as a JSON Schema property. */
export interface DialectSettingProperty {
  readonly type: 'string' | 'boolean' | 'integer' | 'number' | 'array';
  readonly title: string;
  readonly description: string;
  readonly enum?: readonly (string | number)[];
  readonly minLength?: number;
  readonly maxLength?: number;
  /** For `string`: a regular expression (JSON Schema `pattern`, unanchored unless it says so) the value must match. */
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: string | boolean | number;
  /** For `array`: the type of its elements. */
  readonly items?: { readonly type: 'string' | 'integer'; readonly minLength?: number; readonly maxLength?: number; readonly enum?: readonly string[] };
  readonly maxItems?: number;
}

/** The problem the canonical API would answer; a dialect renders it in its own shape. */
export interface DialectProblem {
  /** The request's path, without the query: a dialect may answer some routes in another shape. */
  readonly path: string;
  readonly status: number;
  /** Short title of the status (`Unprocessable Entity`). */
  readonly title: string;
  readonly code: CanonicalErrorCode;
  readonly detail: string;
  /** Field errors, when the request was invalid. */
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
  /** Headers the canonical answer carries (`Retry-After`, `WWW-Authenticate`, ...). */
  readonly headers: Readonly<Record<string, string>>;
}

/** An error answer in a vendor's own shape. */
export interface DialectErrorAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON; a string is sent as is. */
  readonly body: unknown;
}

/** What a connect guide is built from. */
export interface DialectConnectContext {
  /** The server's base URL as the client reaches it, without a trailing slash. */
  readonly baseUrl: string;
  /** The connection's public credential id, when the guide is for one connection. */
  readonly credentialId?: string;
  /** The connection's options, when the guide is for one connection. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/** How to connect a vendor's client: steps in words and the URLs to configure. */
export interface DialectConnectGuide {
  readonly steps: readonly string[];
  readonly endpoints: readonly { readonly label: string; readonly url: string }[];
}
