import {
  shownQuantity,
  wholeRequestResults,
  type OutboundConnector,
  type OutboundContext,
  type OutboundItem,
  type OutboundItemResult,
  type OutboundTarget,
} from '@tally/vendor-kit';
import { submitKiboRefresh } from './kibo-api.client';
import { resultsOfKiboJob } from './kibo-job-messages.reader';
import { awaitKiboJob } from './kibo-job.poller';
import { KIBO_OUTBOUND_CREDENTIALS_SCHEMA, KIBO_OUTBOUND_SETTINGS_SCHEMA, readKiboOutboundSettings, type KiboOutboundSettings } from './kibo-outbound.settings';

/** Most items of one refresh call (Kibo's documented limit; more is answered 400). */
export const KIBO_OUTBOUND_MAX_ITEMS = 12_000;

/** The body of a refresh call for the items: absolute quantities at one location. */
export function kiboRefreshBody(
  settings: KiboOutboundSettings,
  items: readonly OutboundItem[],
  raw: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    ...(settings.manufacturerID === null ? {} : { manufacturerID: settings.manufacturerID }),
    locationName: settings.locationCode,
    // Kibo has no infinite flag: an unlimited item shows the channel's configured figure.
    items: items.map((item) => ({ [settings.identifierField]: item.identifier, quantity: Math.max(0, Math.floor(shownQuantity(item, raw))) })),
  };
}

/**
 * Kibo OMS as a channel: an OAuth2 client-credentials token, one inventory refresh per batch at
 * the channel's location, then the refresh's job polled until it ends; the job's messages decide
 * which items were refused.
 */
export const kiboOutbound: OutboundConnector = {
  dialect: 'kibo',
  title: 'Kibo OMS',
  maxBatch: KIBO_OUTBOUND_MAX_ITEMS,
  requestsPerSecond: null,
  settingsSchema: KIBO_OUTBOUND_SETTINGS_SCHEMA,
  credentialsSchema: KIBO_OUTBOUND_CREDENTIALS_SCHEMA,
  async send(target: OutboundTarget, items: readonly OutboundItem[], context: OutboundContext): Promise<OutboundItemResult[]> {
    const results: OutboundItemResult[] = [];
    for (let start = 0; start < items.length; start += KIBO_OUTBOUND_MAX_ITEMS) {
      results.push(...(await refresh(target, items.slice(start, start + KIBO_OUTBOUND_MAX_ITEMS), context)));
    }
    return results;
  },
};

async function refresh(target: OutboundTarget, items: readonly OutboundItem[], context: OutboundContext): Promise<OutboundItemResult[]> {
  const settings = readKiboOutboundSettings(target.settings);
  const submitted = await submitKiboRefresh(target, context, settings.refreshPath, kiboRefreshBody(settings, items, target.settings));
  if (!submitted.ok) return wholeRequestResults(items, submitted.failure);
  const wait = await awaitKiboJob(target, context, submitted.jobId, settings.jobTimeoutSeconds);
  // The refresh was taken but its outcome is unknown: sending the same absolute figures again is harmless.
  if (wait.kind === 'unknown') return wholeRequestResults(items, { status: null, detail: wait.detail });
  return resultsOfKiboJob(items, settings.identifierField, wait.job);
}
