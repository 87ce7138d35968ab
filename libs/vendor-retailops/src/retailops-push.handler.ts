import {
  ApplyStockBatch,
  ConnectionRepository,
  ManageConnections,
  type BatchExecution,
  type Connection,
} from '@tally/inventory-application';
import { stableJson } from '@tally/inventory-domain';
import { presentedCredentials } from './retailops-credentials.parser';
import { parseEnvelope, shapeOf } from './retailops-envelope.parser';
import { distinctEvents, eventsOfReport, renderEvents, RetailopsCodes, type PushEvent } from './retailops-events.renderer';
import { isObject, nestsDeeperThan, RETAILOPS_LIMITS, type JsonObject } from './retailops-field.reader';
import { channelCode, mapPush } from './retailops-inventory.mapper';
import { SUPPORTED_ACTION, SUPPORTED_VERSION, type PushEnvelope, type PushShape } from './retailops-push.model';
import { parseSkus } from './retailops-sku.parser';

/** One webhook call as the HTTP layer hands it over. */
export interface RetailopsRequest {
  /** The parsed JSON body. */
  readonly body: unknown;
  readonly authorization: string | undefined;
  /** `?connection=<credentialId>`: names the connection a test-key request is for. */
  readonly connection: string | undefined;
}

/** The answer to send: status, extra headers and a JSON body. */
export interface RetailopsAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The `WWW-Authenticate` challenge of a 401: HTTP Basic is one of the two accepted schemes. */
export const RETAILOPS_CHALLENGE = { 'www-authenticate': 'Basic realm="tally-retailops"' } as const;

/** An answer other than 200, in the SDK's event shape unless the request's shape is known. */
export function retailopsError(status: number, code: string, message: string, field?: string, shape: PushShape = 'sdk'): RetailopsAnswer {
  const headers = status === 401 ? RETAILOPS_CHALLENGE : {};
  return { status, headers, body: renderEvents(shape, [{ level: 'error', code, message, sku: null, ...(field ? { field } : {}) }]) };
}

/**
 * Handles an `inventory_push` webhook in either shape: authenticates (401 otherwise), validates
 * the envelope (400 otherwise), then answers 200 with one event per failed or noteworthy SKU.
 * A verbatim replay is answered from the idempotency store: the key is a digest of the body,
 * per connection, so it changes nothing and gets the same events.
 */
export class RetailopsPushHandler {
  constructor(
    private readonly apply: ApplyStockBatch,
    private readonly connections: ManageConnections,
    private readonly connectionRepository: ConnectionRepository,
    /** A collision-resistant digest (SHA-256 hex) of a text. */
    private readonly digest: (text: string) => string,
  ) {}

  async handle(request: RetailopsRequest): Promise<RetailopsAnswer> {
    const body = request.body;
    if (!isObject(body)) return retailopsError(400, RetailopsCodes.malformed, 'the body must be a JSON object', 'body');
    if (nestsDeeperThan(body, RETAILOPS_LIMITS.maxDepth)) {
      return retailopsError(400, RetailopsCodes.malformed, `the body nests deeper than ${RETAILOPS_LIMITS.maxDepth} levels`, 'body');
    }
    const shape = shapeOf(body);
    const connection = await this.authenticate(body, request);
    if (!connection) {
      return retailopsError(401, RetailopsCodes.unauthenticated, 'integration_auth_token (or HTTP Basic credentials) missing or wrong', 'integration_auth_token', shape);
    }
    const envelope = parseEnvelope(body);
    if (!envelope.ok) return retailopsError(400, RetailopsCodes.invalidField, `${envelope.problem.field} ${envelope.problem.message}`, envelope.problem.field, shape);
    const refusal = this.refusalOf(envelope.envelope, connection);
    if (refusal) return ok(shape, [refusal]);
    const skus = parseSkus(body, shape);
    if (!skus.ok) return retailopsError(400, RetailopsCodes.invalidField, `${skus.problem.field} ${skus.problem.message}`, skus.problem.field, shape);

    const events: PushEvent[] = skus.problems.map((p) => ({ level: 'error', code: RetailopsCodes.invalidField, message: `${p.field} ${p.message}`, field: p.field, sku: p.sku }));
    for (const u of skus.updates) {
      if (u.breakdownSum !== null && u.breakdownSum !== u.available) {
        events.push({
          level: 'warning',
          code: RetailopsCodes.breakdownMismatch,
          message: `the breakdown adds up to ${u.breakdownSum} available, the top-line figure says ${u.available}; the breakdown was applied per place and the top-line kept as retailops.channelAvailable`,
          sku: u.sku,
        });
      }
    }
    const mapped = mapPush(skus.updates, channelCode(envelope.envelope.channelId, connection.settings.defaultLocationCode));
    const bodyDigest = this.digest(stableJson(body));
    for (const batch of mapped.batches) {
      const execution: BatchExecution = await this.apply.execute({
        tenantId: connection.tenantId,
        connection,
        actor: `retailops:${connection.credentialId}`,
        reference: `retailops:${bodyDigest.slice(0, 16)}`,
        lines: batch.lines,
        createLocationsAs: batch.kind,
        idempotency: {
          scope: `retailops:${connection.id}`,
          key: `${bodyDigest}:${batch.kind}`,
          requestHash: bodyDigest,
          render: (report) => ({ status: 200, body: eventsOfReport(report, mapped.skuOfLine) }),
        },
      });
      const batchEvents = execution.kind === 'replayed' ? execution.body : execution.response?.body;
      events.push(...((batchEvents ?? []) as PushEvent[]));
    }
    return ok(shape, distinctEvents(events));
  }

  /** The connection the request authenticates as, or null (answered 401). */
  private async authenticate(body: JsonObject, request: RetailopsRequest): Promise<Connection | null> {
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
    if (found && request.connection !== undefined && request.connection !== found.credentialId) return null;
    return found;
  }

  /** An unknown action or version, or a client id of another merchant: nothing is applied. */
  private refusalOf(envelope: PushEnvelope, connection: Connection): PushEvent | null {
    if (envelope.action !== SUPPORTED_ACTION) {
      return { level: 'error', code: RetailopsCodes.unknownAction, message: `action "${envelope.action}" is not supported; only ${SUPPORTED_ACTION}`, field: 'action', sku: null };
    }
    if (envelope.version !== SUPPORTED_VERSION) {
      return { level: 'error', code: RetailopsCodes.unknownVersion, message: `version ${envelope.version} of ${SUPPORTED_ACTION} is not supported; only ${SUPPORTED_VERSION}`, field: 'version', sku: null };
    }
    const expected = connection.settings.options['clientId'];
    if (expected !== undefined && String(expected) !== String(envelope.clientId)) {
      const field = envelope.shape === 'documented' ? 'data.client_id' : 'client_id';
      return { level: 'error', code: RetailopsCodes.clientMismatch, message: `client_id ${envelope.clientId} does not belong to this connection`, field, sku: null };
    }
    return null;
  }
}

function ok(shape: PushShape, events: readonly PushEvent[]): RetailopsAnswer {
  return { status: 200, headers: {}, body: renderEvents(shape, events) };
}
