import { err, ok, type Result } from '@tally/inventory-domain';
import type { ApplyStockBatch, BatchReport, CanonicalLine, Connection, IssueAccessTokens } from '@tally/inventory-application';
import { problemOfLine, unauthenticated } from './crux-answer.renderer';
import type { CruxParse, CruxProblem, CruxUpdate } from './crux-inventory.model';
import { cruxLocationOf, toCanonicalLine } from './crux-inventory.mapper';

/** The parsed elements of one call: one for a single update, each element of a bulk call. */
export type CruxCall = readonly CruxParse<CruxUpdate>[];
/** A call's answers, one per element (null when it succeeded), or the 401 of its token. */
export type CruxCallResult = Result<(CruxProblem | null)[], CruxProblem>;

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
  ) {}

  /** A {@link RunCruxGroup} over this runner. */
  readonly run: RunCruxGroup = async (token, calls) => {
    const connection = await this.accessTokens.verify('crux', token);
    if (!connection) {
      const problem = unauthenticated(true);
      return calls.map(() => err(problem));
    }
    const answers = await this.apply(connection, calls.flat());
    let offset = 0;
    return calls.map((call) => {
      offset += call.length;
      return ok(answers.slice(offset - call.length, offset));
    });
  };

  /** Applies the valid updates as one batch; answers each element's refusal, or null when it succeeded. */
  private async apply(connection: Connection, parsed: readonly CruxParse<CruxUpdate>[]): Promise<(CruxProblem | null)[]> {
    const answers: (CruxProblem | null)[] = parsed.map((p) => (p.ok ? null : p.error));
    const lines: CanonicalLine[] = [];
    const location = cruxLocationOf(connection);
    // Every identifier of an update travels with its line: the item any of them names is the
    // one updated, the others are attached to it, and a line naming two items is refused (ADR 0029).
    for (const [index, p] of parsed.entries()) if (p.ok) lines.push(toCanonicalLine(index + 1, p.value, location.code));
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
}
