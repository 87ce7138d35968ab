import { err, ok, type Result } from '@tally/inventory-domain';
import { findUnsafeText, isJsonObject, type FieldProblem, type JsonObject } from '@tally/vendor-kit';
import { FieldError, readInteger, readObject, readText } from './retailops-field.reader';
import type { PushEnvelope, PushShape } from './retailops-push.model';

/**
 * The shape of a request: the SDK's (`inventory_updates`, `channel_info`, `client_id` at the top)
 * unless it has the document's `data` and none of the SDK's keys. Decided before validation, so
 * even a refusal is answered in the caller's own field names.
 */
export function shapeOf(body: JsonObject): PushShape {
  const sdkKeys = 'inventory_updates' in body || 'channel_info' in body || 'client_id' in body;
  return 'data' in body && !sdkKeys ? 'documented' : 'sdk';
}

/**
 * Reads `action`, `version`, `client_id` and the channel id of either shape. Both shapes require
 * all four (the SDK's `channel_info.id` is optional in its schema, so it may be left out). Text
 * Tally never accepts (a NUL, a lone surrogate) anywhere outside the SKUs refuses the push; inside
 * a SKU, it refuses that SKU alone (`parseSkus`). A refusal names the first problem (answered 400).
 */
export function parseEnvelope(body: JsonObject): Result<PushEnvelope, FieldProblem> {
  const shape = shapeOf(body);
  const unsafe = findUnsafeText(withoutSkus(body, shape), '');
  if (unsafe) return err(unsafe);
  try {
    const action = readText(body['action'], 'action');
    const version = readInteger(body['version'], 'version', 0, 1_000_000);
    if (shape === 'documented') {
      const data = readObject(body['data'], 'data');
      const clientId = readInteger(data['client_id'], 'data.client_id', 0, Number.MAX_SAFE_INTEGER);
      const channel = readObject(data['channel'], 'data.channel');
      const channelId = readInteger(channel['id'], 'data.channel.id', 0, Number.MAX_SAFE_INTEGER);
      return ok({ shape, action, version, clientId, channelId });
    }
    const clientId = readInteger(body['client_id'], 'client_id', 0, Number.MAX_SAFE_INTEGER);
    const channel = readObject(body['channel_info'], 'channel_info');
    const channelId = channel['id'] === undefined ? null : readInteger(channel['id'], 'channel_info.id', 0, Number.MAX_SAFE_INTEGER);
    return ok({ shape, action, version, clientId, channelId });
  } catch (error) {
    if (error instanceof FieldError) return err({ field: error.field, message: error.message });
    throw error;
  }
}

/** The body without its SKUs (`inventory_updates`, or the document's `data.inventory.data`). */
function withoutSkus(body: JsonObject, shape: PushShape): JsonObject {
  if (shape === 'sdk') {
    const { inventory_updates: _skus, ...rest } = body;
    return rest;
  }
  const data = body['data'];
  if (!isJsonObject(data) || !isJsonObject(data['inventory'])) return body;
  const { data: _sku, ...inventory } = data['inventory'];
  return { ...body, data: { ...data, inventory } };
}
