import { isJsonObject, nestsDeeperThan, type ConnectionSeen, type JsonObject, type VendorAnswer } from '@tally/vendor-kit';
import {
  ApplicationError,
  StockBatchWriter,
  ConnectionRepository,
  ManageConnections,
  type Connection,
  type IdempotencyRequest,
} from '@tally/inventory-application';
import { DomainErrorCodes, stableJson } from '@tally/inventory-domain';
import { presentedCredentials } from './retailops-credentials.parser';
import { parseEnvelope, shapeOf } from './retailops-envelope.parser';
import { distinctEvents, eventsOfReport, renderEvents, RetailopsCodes, type PushEvent, type RetailopsCode } from './retailops-events.renderer';
import { RETAILOPS_LIMITS } from './retailops-field.reader';
import { channelCode, chunkUpdates, mapPush } from './retailops-inventory.mapper';
import { SUPPORTED_ACTION, SUPPORTED_VERSION, type PushEnvelope, type PushShape, type SkuUpdate } from './retailops-push.model';
import { parseSkus } from './retailops-sku.parser';

/** One webhook call as the HTTP layer hands it over. */
export interface RetailopsRequest {
  /** The parsed JSON body. */
  readonly body: unknown;
  readonly authorization: string | undefined;
  /** `?connection=<credentialId>`: names the connection a test-key request is for. */
  readonly connection: string | undefined;
  /** The `Idempotency-Key` header, when sent. */
  readonly idempotencyKey?: string | undefined;
  /** Told the connection the request authenticated as. */
  readonly seen?: ConnectionSeen;
}

/** Set on an answer that replays the stored answer of an earlier request with the same Idempotency-Key. */
export const RETAILOPS_REPLAYED_HEADER = 'idempotency-replayed';

// As the canonical API's Idempotency-Key: 1 to 255 visible ASCII characters.
const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** The `WWW-Authenticate` challenge of a 401: HTTP Basic is one of the two accepted schemes. */
export const RETAILOPS_CHALLENGE = { 'www-authenticate': 'Basic realm="tally-retailops"' } as const;

/** An answer other than 200, in the SDK's event shape unless the request's shape is known. */
export function retailopsError(status: number, code: RetailopsCode, message: string, field?: string, shape: PushShape = 'sdk'): VendorAnswer {
  const headers = status === 401 ? RETAILOPS_CHALLENGE : {};
  return { status, headers, body: renderEvents(shape, [{ level: 'error', code, message, sku: null, ...(field ? { field } : {}) }]) };
}

/**
 * Handles an `inventory_push` webhook in either shape: authenticates (401 otherwise), validates
 * the envelope (400 otherwise), then answers 200 with one event per failed or noteworthy SKU.
 * Each SKU is a snapshot of the connection's availability (ADR 0031): its places that the push
 * leaves out are zeroed in the same transaction. A push is one transaction unless it has more
 * than `linesPerTransaction` lines; it is then applied in groups of whole SKUs. A retried push
 * changes nothing because its values are absolute; with an `Idempotency-Key` it is answered
 * from the stored answer, and the key reused with another body is refused (422).
 */
export class RetailopsPushHandler {
  constructor(
    private readonly apply: StockBatchWriter,
    private readonly connections: ManageConnections,
    private readonly connectionRepository: ConnectionRepository,
    /** A collision-resistant digest (SHA-256 hex) of a text. */
    private readonly digest: (text: string) => string,
    private readonly linesPerTransaction: number = RETAILOPS_LIMITS.linesPerTransaction,
  ) {}

  async handle(request: RetailopsRequest): Promise<VendorAnswer> {
    const body = request.body;
    if (!isJsonObject(body)) return retailopsError(400, RetailopsCodes.malformed, 'the body must be a JSON object', 'body');
    if (nestsDeeperThan(body, RETAILOPS_LIMITS.maxDepth)) {
      return retailopsError(400, RetailopsCodes.malformed, `the body nests deeper than ${RETAILOPS_LIMITS.maxDepth} levels`, 'body');
    }
    const shape = shapeOf(body);
    const authenticated = await this.authenticate(body, request);
    const connection = authenticated?.connection ?? null;
    if (!authenticated || !connection) {
      return retailopsError(
        401,
        RetailopsCodes.unauthenticated,
        'integration_auth_token (or HTTP Basic credentials) missing or wrong',
        'integration_auth_token',
        shape,
      );
    }
    const key = request.idempotencyKey;
    if (key !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return retailopsError(400, RetailopsCodes.invalidField, 'Idempotency-Key must be 1 to 255 visible ASCII characters', 'Idempotency-Key', shape);
    }
    const envelope = parseEnvelope(body);
    if (!envelope.ok) return retailopsError(400, RetailopsCodes.invalidField, `${envelope.error.field} ${envelope.error.message}`, envelope.error.field, shape);
    const refusal = this.refusalOf(envelope.value, connection);
    if (refusal) return ok(shape, [refusal]);
    const skus = parseSkus(body, shape);
    if (!skus.ok) return retailopsError(400, RetailopsCodes.invalidField, `${skus.error.field} ${skus.error.message}`, skus.error.field, shape);

    const events: PushEvent[] = skus.value.problems.map((p) => ({
      level: 'error',
      code: RetailopsCodes.invalidField,
      message: `${p.field} ${p.message}`,
      field: p.field,
      sku: p.sku,
    }));
    for (const u of skus.value.updates) events.push(...noteworthy(u, shape));
    // The SDK's test key is public: what it sends is checked and answered, never stored.
    if (authenticated.testKey) return ok(shape, [...events, dryRunEvent(skus.value.updates.length)]);
    const channel = channelCode(envelope.value.channelId, connection.settings.defaultLocationCode);
    const bodyDigest = this.digest(stableJson(body));
    const chunks = chunkUpdates(skus.value.updates, this.linesPerTransaction);
    // With a key, even a push that applies nothing runs once, so its answer is stored against the key.
    if (chunks.length === 0 && key !== undefined) chunks.push([]);
    let nextLineNo = 1;
    for (const [n, chunk] of chunks.entries()) {
      const mapped = mapPush(chunk, channel, nextLineNo);
      nextLineNo += mapped.lines.length;
      const render: IdempotencyRequest['render'] = (report) => ({
        status: 200,
        body: renderEvents(shape, distinctEvents([...events, ...eventsOfReport(report, mapped.skuOfLine, mapped.placeOfLine)])),
      });
      // The first transaction checks the key, the last one stores the answer of the whole push.
      const last = n === chunks.length - 1;
      const idempotency =
        key !== undefined && (n === 0 || last)
          ? { scope: `retailops:${connection.id}`, key, requestHash: bodyDigest, render, ...(last ? {} : { checkOnly: true }) }
          : undefined;
      let execution;
      try {
        execution = await this.apply.execute({
          tenantId: connection.tenantId,
          connection,
          actor: `retailops:${connection.credentialId}`,
          reference: `retailops:${bodyDigest.slice(0, 16)}`,
          lines: mapped.lines,
          snapshot: true,
          ...(idempotency ? { idempotency } : {}),
        });
      } catch (error) {
        if (error instanceof ApplicationError && error.code === DomainErrorCodes.idempotencyMismatch) {
          return retailopsError(422, error.code, error.message, 'Idempotency-Key', shape);
        }
        throw error;
      }
      if (execution.kind === 'replayed') return { status: execution.status, headers: { [RETAILOPS_REPLAYED_HEADER]: 'true' }, body: execution.body };
      events.push(...eventsOfReport(execution.report, mapped.skuOfLine, mapped.placeOfLine));
    }
    return ok(shape, distinctEvents(events));
  }

  /** The connection the request authenticates as and whether by the SDK's test key, or null (answered 401). */
  private async authenticate(body: JsonObject, request: RetailopsRequest): Promise<{ connection: Connection; testKey: boolean } | null> {
    const presented = presentedCredentials(body['integration_auth_token'], request.authorization);
    let found: Connection | null = null;
    if (presented.kind === 'secret') {
      found = await this.connections.authenticate('retailops', presented.credentialId, presented.secret);
    } else if (presented.kind === 'test-key' && request.connection) {
      // ADR 0008: the test key names no connection; the endpoint URL's `connection` parameter does.
      const candidate = await this.connectionRepository.findByCredentialId('retailops', request.connection);
      const testMode = candidate?.status === 'active' && candidate.settings.options['testMode'] === true;
      found = testMode ? candidate : null;
    }
    if (!found || (request.connection !== undefined && request.connection !== found.credentialId)) return null;
    request.seen?.(found);
    return { connection: found, testKey: presented.kind === 'test-key' };
  }

  /** An unknown action or version, or a client id of another merchant: nothing is applied. */
  private refusalOf(envelope: PushEnvelope, connection: Connection): PushEvent | null {
    if (envelope.action !== SUPPORTED_ACTION) {
      return {
        level: 'error',
        code: RetailopsCodes.unknownAction,
        message: `action "${envelope.action}" is not supported; only ${SUPPORTED_ACTION}`,
        field: 'action',
        sku: null,
      };
    }
    if (envelope.version !== SUPPORTED_VERSION) {
      return {
        level: 'error',
        code: RetailopsCodes.unknownVersion,
        message: `version ${envelope.version} of ${SUPPORTED_ACTION} is not supported; only ${SUPPORTED_VERSION}`,
        field: 'version',
        sku: null,
      };
    }
    const expected = connection.settings.options['clientId'];
    if (expected !== undefined && String(expected) !== String(envelope.clientId)) {
      const field = envelope.shape === 'documented' ? 'data.client_id' : 'client_id';
      return {
        level: 'error',
        code: RetailopsCodes.clientMismatch,
        message: `client_id ${envelope.clientId} does not belong to this connection`,
        field,
        sku: null,
      };
    }
    return null;
  }
}

/** The warnings a SKU earns before it is applied: an oversold channel, a breakdown that does not add up. */
function noteworthy(u: SkuUpdate, shape: PushShape): PushEvent[] {
  const out: PushEvent[] = [];
  const available = Math.max(0, u.available);
  if (u.available < 0) {
    const field = shape === 'documented' ? 'data.inventory.data.qty_available' : `inventory_updates[${u.index}].quantity_available`;
    out.push({
      level: 'warning',
      code: RetailopsCodes.oversold,
      message: `${field} is ${u.available}: the channel is oversold and sells 0`,
      field,
      sku: u.sku,
    });
  }
  if (u.breakdownSum !== null && u.breakdownSum !== available) {
    out.push({
      level: 'warning',
      code: RetailopsCodes.breakdownMismatch,
      message: `the breakdown adds up to ${u.breakdownSum} available (inflight units included), the top-line figure says ${available}; the breakdown was applied per place and the top-line kept as retailops.channelAvailable`,
      sku: u.sku,
    });
  }
  return out;
}

/** Says that a push with the SDK's test key changed nothing. */
function dryRunEvent(skus: number): PushEvent {
  return {
    level: 'warning',
    code: RetailopsCodes.testKeyDryRun,
    message: `sent with the SDK's public test key: ${skus} SKU update(s) checked and answered, nothing stored (a dry run); use the connection's token to apply`,
    field: 'integration_auth_token',
    sku: null,
  };
}

function ok(shape: PushShape, events: readonly PushEvent[]): VendorAnswer {
  return { status: 200, headers: {}, body: renderEvents(shape, events) };
}
