import { isSafeText, type VendorAnswer } from '@tally/vendor-kit';
import type { IssueAccessTokens } from '@tally/inventory-application';
import { renderBulk, renderLogin, renderProblem, renderSuccess, unauthenticated } from './crux-answer.renderer';
import { CruxErrorCodes, cruxProblem } from './crux-inventory.model';
import { CruxBatchCoalescer, type Defer } from './crux-batch.coalescer';
import type { CruxCall, CruxCallResult, RunCruxGroup } from './crux-group.runner';
import { parseCruxUpdate } from './crux-inventory.parser';
import { parseCruxBulk, parseCruxLogin, tokenOfHeader } from './crux-request.parser';

/** Crux tokens expire two hours after login (Crux's own lifetime). */
export const CRUX_TOKEN_TTL_SECONDS = 7200;

/** How a {@link CruxInventoryHandler} groups calls and issues tokens. */
export interface CruxHandlerOptions {
  /** Schedules a group's start; pass `setImmediate` in Node so the calls already received join it. */
  readonly defer?: Defer;
  /** Groups of one token in flight at once: above 1 when groups run on another thread. */
  readonly maxRunningGroups?: number;
  /** Lifetime of a login's `auth_token` ({@link CRUX_TOKEN_TTL_SECONDS}, Crux's own, by default). */
  readonly tokenTtlSeconds?: number;
}

/**
 * Orchestrates the Crux TIMP routes: reads the `Token` header, parses, has the updates
 * applied by `runGroup` (a {@link CruxGroupRunner}, here or on another thread) and renders
 * Crux's answers. Concurrent calls with one token are group-committed by
 * {@link CruxBatchCoalescer}: one token check and one batch for all.
 */
export class CruxInventoryHandler {
  private readonly coalescer: CruxBatchCoalescer<CruxCall, CruxCallResult>;
  private readonly tokenTtlSeconds: number;

  constructor(
    private readonly accessTokens: IssueAccessTokens,
    runGroup: RunCruxGroup,
    options: CruxHandlerOptions = {},
  ) {
    const defer = options.defer ?? ((task) => void Promise.resolve().then(task));
    this.coalescer = new CruxBatchCoalescer(runGroup, defer, options.maxRunningGroups ?? 1);
    this.tokenTtlSeconds = options.tokenTtlSeconds ?? CRUX_TOKEN_TTL_SECONDS;
  }

  /** `POST /timp/organizations/user-login/`: the connection's credential id and secret for an `auth_token`. */
  async login(body: unknown): Promise<VendorAnswer> {
    const parsed = parseCruxLogin(body);
    if (!parsed.ok) return renderProblem(parsed.error);
    const { username, password } = parsed.value;
    // Credentials no connection can have (a NUL, a lone surrogate) are wrong ones: 401, never looked up.
    const issued = isSafeText(username) && isSafeText(password) ? await this.accessTokens.login('crux', username, password, this.tokenTtlSeconds) : null;
    if (!issued) {
      const message = 'Unable to log in with provided credentials';
      return renderProblem(cruxProblem(401, CruxErrorCodes.badCredentials, [{ field: 'password', message }]));
    }
    return renderLogin(issued);
  }

  /** `POST /timp/products/skus/inventory/`: one SKU; 200 `{"message":"success"}` or its error. */
  async update(authorization: unknown, body: unknown): Promise<VendorAnswer> {
    const token = tokenOfHeader(authorization);
    if (!token) return renderProblem(unauthenticated(authorization !== undefined));
    const result = await this.coalescer.submit(token, [parseCruxUpdate(body)]);
    if (!result.ok) return renderProblem(result.error);
    const [problem] = result.value;
    return problem ? renderProblem(problem) : renderSuccess();
  }

  /** `POST /timp/products/skus/inventory/bulk/`: an array; 200 with one `{status_code, message}` per element. */
  async bulk(authorization: unknown, body: unknown): Promise<VendorAnswer> {
    const token = tokenOfHeader(authorization);
    if (!token) return renderProblem(unauthenticated(authorization !== undefined));
    const parsed = parseCruxBulk(body);
    if (!parsed.ok) {
      // The token is checked all the same: a bad token is 401 whatever the body.
      const result = await this.coalescer.submit(token, [], 0);
      return renderProblem(result.ok ? parsed.error : result.error);
    }
    const result = await this.coalescer.submit(token, parsed.value.map(parseCruxUpdate), parsed.value.length);
    return result.ok ? renderBulk(result.value) : renderProblem(result.error);
  }
}
