import {
  ApplicationError,
  type ApplyStockBatch,
  type BatchReport,
  type CanonicalLine,
  type CatalogQueries,
  type Connection,
  type IssueAccessTokens,
  type ItemReference,
} from '@tally/inventory-application';
import { problemOfLine, renderBulk, renderLogin, renderProblem, renderSuccess, skuNotFound, unauthenticated } from './crux-answer.renderer';
import { CruxErrorCodes, cruxProblem, type CruxAnswer, type CruxParse, type CruxProblem, type CruxUpdate } from './crux-inventory.model';
import { CruxBatchCoalescer, type Defer } from './crux-batch.coalescer';
import { cruxLocationOf, toCanonicalLine } from './crux-inventory.mapper';
import { parseCruxUpdate } from './crux-inventory.parser';
import { parseCruxBulk, parseCruxLogin, tokenOfHeader } from './crux-request.parser';

/** The parsed elements of one call: one for a single update, each element of a bulk call. */
type CruxCall = readonly CruxParse<CruxUpdate>[];
/** A call's answers, one per element, or the 401 of its token. */
type CruxCallResult = (CruxProblem | null)[] | CruxProblem;

/** Crux tokens expire two hours after login (Crux's own lifetime). */
export const CRUX_TOKEN_TTL_SECONDS = 7200;

/**
 * Orchestrates the Crux TIMP routes: authenticates the `Token` header, parses, applies the
 * updates through {@link ApplyStockBatch} and renders Crux's answers. A bulk call is one
 * batch (a bad element never blocks the good ones); concurrent calls with one token are
 * group-committed by {@link CruxBatchCoalescer}: one token check and one batch for all.
 * Pass `setImmediate` as `defer` in Node so the calls already received join a group.
 */
export class CruxInventoryHandler {
  private readonly coalescer: CruxBatchCoalescer<CruxCall, CruxCallResult>;

  constructor(
    private readonly applyStockBatch: ApplyStockBatch,
    private readonly accessTokens: IssueAccessTokens,
    private readonly catalog: CatalogQueries,
    defer: Defer = (task) => void Promise.resolve().then(task),
  ) {
    this.coalescer = new CruxBatchCoalescer((token, calls) => this.runGroup(token, calls), defer);
  }

  /** `POST /timp/organizations/user-login/`: the connection's credential id and secret for an `auth_token`. */
  async login(body: unknown): Promise<CruxAnswer> {
    const parsed = parseCruxLogin(body);
    if (!parsed.ok) return renderProblem(parsed.problem);
    const issued = await this.accessTokens.login('crux', parsed.value.username, parsed.value.password, CRUX_TOKEN_TTL_SECONDS);
    if (!issued) {
      const message = 'Unable to log in with provided credentials';
      return renderProblem(cruxProblem(401, CruxErrorCodes.badCredentials, [{ field: 'password', message }]));
    }
    return renderLogin(issued);
  }

  /** `POST /timp/products/skus/inventory/`: one SKU; 200 `{"message":"success"}` or its error. */
  async update(authorization: unknown, body: unknown): Promise<CruxAnswer> {
    const token = tokenOfHeader(authorization);
    if (!token) return renderProblem(unauthenticated(authorization !== undefined));
    const result = await this.coalescer.submit(token, [parseCruxUpdate(body)]);
    if (!Array.isArray(result)) return renderProblem(result);
    const [problem] = result;
    return problem ? renderProblem(problem) : renderSuccess();
  }

  /** `POST /timp/products/skus/inventory/bulk/`: an array; 200 with one `{status_code, message}` per element. */
  async bulk(authorization: unknown, body: unknown): Promise<CruxAnswer> {
    const token = tokenOfHeader(authorization);
    if (!token) return renderProblem(unauthenticated(authorization !== undefined));
    const parsed = parseCruxBulk(body);
    if (!parsed.ok) {
      // The token is checked all the same: a bad token is 401 whatever the body.
      const result = await this.coalescer.submit(token, [], 0);
      return renderProblem(Array.isArray(result) ? parsed.problem : result);
    }
    const result = await this.coalescer.submit(token, parsed.value.map(parseCruxUpdate), parsed.value.length);
    return Array.isArray(result) ? renderBulk(result) : renderProblem(result);
  }

  /** Checks the token once for a group of calls, then applies all their updates as one batch. */
  private async runGroup(token: string, calls: readonly CruxCall[]): Promise<CruxCallResult[]> {
    const connection = await this.accessTokens.verify('crux', token);
    if (!connection) {
      const problem = unauthenticated(true);
      return calls.map(() => problem);
    }
    const answers = await this.apply(connection, calls.flatMap((call) => call));
    let offset = 0;
    return calls.map((call) => {
      offset += call.length;
      return answers.slice(offset - call.length, offset);
    });
  }

  /** Applies the valid updates as one batch; answers each element's refusal, or null when it succeeded. */
  private async apply(connection: Connection, parsed: readonly CruxParse<CruxUpdate>[]): Promise<(CruxProblem | null)[]> {
    const answers: (CruxProblem | null)[] = parsed.map((p) => (p.ok ? null : p.problem));
    const lines: CanonicalLine[] = [];
    const location = cruxLocationOf(connection);
    for (const [index, p] of parsed.entries()) {
      if (!p.ok) continue;
      const reference = await this.referenceOf(connection.tenantId, p.value);
      if (isProblem(reference)) answers[index] = reference;
      else lines.push(toCanonicalLine(index + 1, reference, p.value, location.code));
    }
    if (!lines.length) return answers;
    for (const line of (await this.write(connection, lines)).lines) {
      const update = parsed[line.lineNo - 1];
      if (update.ok) answers[line.lineNo - 1] = problemOfLine(line, update.value.identifiers);
    }
    return answers;
  }

  private async write(connection: Connection, lines: readonly CanonicalLine[]): Promise<BatchReport> {
    const execution = await this.applyStockBatch.execute({
      tenantId: connection.tenantId,
      connection,
      actor: `crux:${connection.credentialId}`,
      reference: null,
      lines,
      // Crux updates existing SKUs only: an unknown identifier is its 404, never a new item (ADR).
      unknownItemPolicy: 'reject',
      createLocationsAs: cruxLocationOf(connection).kind,
    });
    if (execution.kind !== 'executed') throw new Error('a Crux batch carries no idempotency key, so it is never replayed');
    return execution.report;
  }

  /**
   * One identifier is used as is. Several (a `sku_id` with a barcode) must name the same
   * item: each is looked up, and they disagree (422) unless all find that one item.
   */
  private async referenceOf(tenantId: string, update: CruxUpdate): Promise<ItemReference | CruxProblem> {
    if (update.identifiers.length === 1) return update.identifiers[0].reference;
    const found = await Promise.all(
      update.identifiers.map(async (identifier) => {
        const ref = identifier.reference;
        try {
          const item = 'sku' in ref ? await this.catalog.lookupItem(tenantId, 'sku', ref.sku) : 'gtin' in ref ? await this.catalog.lookupItem(tenantId, 'gtin', ref.gtin) : null;
          return item?.id ?? null;
        } catch (error) {
          if (error instanceof ApplicationError && error.code === 'RESOURCE.NOT_FOUND') return null;
          throw error;
        }
      }),
    );
    if (found.every((id) => id === null)) return skuNotFound(update.identifiers);
    const ids = new Set(found);
    if (ids.size === 1) return { itemId: found[0] as string };
    const names = update.identifiers.map((i) => i.name).join(' and ');
    return cruxProblem(422, CruxErrorCodes.identifiersDisagree, [
      { field: update.identifiers[1].name, message: `${names} do not name the same sku; send one identifier, or several of the same sku` },
    ]);
  }
}

function isProblem(value: object): value is CruxProblem {
  return 'errors' in value && 'code' in value;
}
