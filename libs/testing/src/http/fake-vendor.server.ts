import { RecordingHttpServer, type RecordedRequest, type ScriptedAnswer } from './recording-http.server';

/** One request a {@link FakeVendorServer} received, with its path under the vendor's prefix. */
export interface FakeVendorRequest extends RecordedRequest {
  /** The URL without the prefix the vendor is mounted under (`/kibo`). */
  readonly path: string;
}

/** What a fake vendor answers; `hang` never answers (for timeouts). */
export type FakeVendorReply = ScriptedAnswer | 'hang';

/** A spec's answer to a request, or undefined to let the fake play the vendor as documented. */
export type FakeVendorRoute = (request: FakeVendorRequest, parsed: unknown) => FakeVendorReply | undefined;

/**
 * A vendor's API played over real HTTP under a path prefix, as Tally mounts its dialects (so the
 * same connector specs run against Tally's own side): it records each request, answers JSON what
 * the subclass's `route` decides, and issues the tokens its `authorized` check accepts. The
 * subclass plays what is the vendor's own (its paths, its answers, its documented limits).
 */
export abstract class FakeVendorServer {
  readonly requests: FakeVendorRequest[] = [];
  /** Tokens the fake accepts; a spec clears it to make the channel refuse the ones it holds. */
  readonly validTokens = new Set<string>();
  /** Called when a request arrives, before it is answered. */
  onArrival?: (request: FakeVendorRequest) => void;
  /** `http://127.0.0.1:<port><prefix>`, once started. */
  baseUrl = '';
  private server: RecordingHttpServer | null = null;
  private issued = 0;

  /**
   * @param prefix the path the vendor is mounted under (`/kibo`)
   * @param tokenPrefix what the issued tokens start with, before their number (`tok-` issues `tok-1`, `tok-2`, …)
   */
  protected constructor(
    private readonly prefix: string,
    private readonly tokenPrefix: string,
  ) {}

  async start(): Promise<this> {
    this.server = await RecordingHttpServer.start((recorded) => this.answer(recorded));
    this.baseUrl = `${this.server.url}${this.prefix}`;
    return this;
  }

  /** Stops the server, dropping connections left open (hanging answers). */
  async stop(): Promise<void> {
    await this.server?.close();
  }

  /** The vendor's answer to a request; `parsed` is its body as JSON, undefined when it is not. */
  protected abstract route(request: FakeVendorRequest, parsed: unknown): FakeVendorReply;

  /** A new token, valid from now on. */
  protected issueToken(): string {
    const token = `${this.tokenPrefix}${++this.issued}`;
    this.validTokens.add(token);
    return token;
  }

  /** True when the request carries `Authorization: <scheme> <a valid token>`. */
  protected authorized(request: FakeVendorRequest, scheme: string): boolean {
    const header = request.headers.authorization ?? '';
    return header.startsWith(`${scheme} `) && this.validTokens.has(header.slice(scheme.length + 1));
  }

  private answer(recorded: RecordedRequest): FakeVendorReply {
    const path = recorded.url.startsWith(this.prefix) ? recorded.url.slice(this.prefix.length) : recorded.url;
    const request: FakeVendorRequest = { ...recorded, path };
    this.requests.push(request);
    this.onArrival?.(request);
    const reply = this.route(request, parseJson(request.body));
    if (reply === 'hang') return reply;
    // Vendors answer JSON, even to say nothing.
    return { status: reply.status, headers: { 'content-type': 'application/json', ...reply.headers }, body: reply.body ?? {} };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
