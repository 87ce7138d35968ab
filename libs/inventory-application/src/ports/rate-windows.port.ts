/** Either a request may go on, or it must wait `retryAfterSeconds`. */
export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/**
 * Fixed windows of requests per subject (docs/operations.md, "State shared by processes"): a
 * vendor's documented rate, held across every process on the database where processes share one.
 */
export abstract class RateWindows {
  /**
   * Counts one request of `subject` (never a secret: a digest or an id) in the window that holds
   * now, and answers whether it is within `limit` requests per `windowMs`. A refused request is
   * counted too, so a client that keeps trying does not get more through.
   */
  abstract take(scope: string, subject: string, limit: number, windowMs: number): Promise<RateDecision>;
}
