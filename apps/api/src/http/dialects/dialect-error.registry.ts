import type { MappedProblem } from '../problem/exception-to-problem.mapper';

/** An error answer in a vendor's own shape. */
export interface DialectErrorAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON; a string is sent as is. */
  readonly body: unknown;
}

/**
 * Renders the errors of one vendor dialect's routes (docs/architecture.md §2: each vendor controller
 * answers errors in its vendor's shape). It receives the exception and the problem the
 * canonical API would have answered, so status and field messages are decided once.
 */
export interface DialectErrorRenderer {
  /** Path prefix of the dialect's routes, such as `/crux/`. */
  readonly pathPrefix: string;
  render(exception: unknown, mapped: MappedProblem): DialectErrorAnswer;
}

/**
 * The dialects' error renderers, by path prefix. The one exception filter asks it first, so
 * framework errors (malformed JSON, wrong media type, body too large) on a vendor path are
 * answered in that vendor's shape as well. Vendor modules register on init.
 */
export class DialectErrorRegistry {
  private readonly renderers: DialectErrorRenderer[] = [];

  register(renderer: DialectErrorRenderer): void {
    this.renderers.push(renderer);
    // Longest prefix first, so a nested dialect path wins over a shorter one.
    this.renderers.sort((a, b) => b.pathPrefix.length - a.pathPrefix.length);
  }

  /** The renderer of the dialect a request path belongs to, if any. */
  find(path: string): DialectErrorRenderer | undefined {
    return this.renderers.find((r) => path.startsWith(r.pathPrefix));
  }
}
