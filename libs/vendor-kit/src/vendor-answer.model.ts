/**
 * What a dialect handler answers: the status, the headers and the body, which the dialect's
 * controller sends as is (a body that is not a string is sent as JSON; null for 204).
 */
export interface VendorAnswer<Body = unknown> {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Body;
}
