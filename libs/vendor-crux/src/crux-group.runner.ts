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
import { problemOfLine, skuNotFound, unauthenticated } from './crux-answer.renderer';
import { CruxErrorCodes, cruxProblem, type CruxParse, type CruxProblem, type CruxUpdate } from './crux-inventory.model';
import { cruxLocationOf, toCanonicalLine } from './crux-inventory.mapper';

/** The parsed elements of one call: one for a single update, each element of a bulk call. */
export type CruxCall = readonly CruxParse<CruxUpdate>[];
/** A call's answers, one per element (null when it succeeded), or the 401 of its token. */
export type CruxCallResult = (CruxProblem | null)[] | CruxProblem;

/**
 * Applies one group of calls that share a token and answers one result per call, in order.
 * Calls and results are plain data, so a group can be run on another thread.
 */
export type RunCruxGroup = (token: string, calls: readonly CruxCall[]) => Promise<CruxCallResult[]>;

/**
 * The write side of the Crux routes: checks a group's token once, then applies all its
 * updates through {@link ApplyStockBatch} as one batch, one transaction; a bad element never
 * blocks the good ones.
 */
export class CruxGroupRunner {
  constructor(
    private readonly applyStockBatch: ApplyStockBatch,
    private readonly accessTokens: IssueAccessTokens,
    private readonly catalog: CatalogQueries,
  ) {}

  /** A {@link RunCruxGroup} over this runner. */
  readonly run: RunCruxGroup = async (token, calls) => {
    const connection = await this.accessTokens.verify('crux', token);
    if (!connection) {
      const problem = unauthenticated(true);
      return calls.map(() => problem);
    }
    const answers = await this.apply(connection, calls.flat());
    let offset = 0;
    return calls.map((call) => {
      offset += call.length;
      return answers.slice(offset - call.length, offset);
    });
  };

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
