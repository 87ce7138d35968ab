import { client, type Answer } from '@tally/test-support';
import { inParallel, listAll, unique, type Deployment } from '../support/deployment.fixture';

/** The size of a run of {@link checkLostUpdates}. */
export interface LostUpdatePlan {
  readonly adjustments: number;
  readonly clients: number;
  readonly levels: number;
  readonly start: number;
  /** Share re-sent with the same Idempotency-Key once answered. */
  readonly resendShare: number;
  /** Share aborted by the client a few milliseconds after sending. */
  readonly abortShare: number;
}

/** What a run saw; `violations` is empty when nothing was lost. */
export interface LostUpdateFigures {
  engine: string;
  processes: number;
  adjustments: number;
  applied: number;
  refusedBelowZero: number;
  resent: number;
  replaysMatching: number;
  aborted: number;
  abortedInLedger: number;
  serverErrors: number;
  ledgerEntries: number;
  violations: string[];
}

interface Planned {
  readonly key: string;
  readonly level: number;
  readonly delta: number;
  readonly resend: boolean;
  readonly abort: boolean;
}

interface Place {
  readonly itemId: string;
  readonly locationId: string;
}

interface LedgerRow {
  readonly reference: string | null;
  readonly before: { figures: { onHand: number | null } };
  readonly after: { figures: { onHand: number | null } };
}

/**
 * Check 1: many clients adjust a handful of levels through every process of the deployment;
 * afterwards each level must equal its start plus the acknowledged deltas plus the aborted ones
 * the ledger shows, equal the sum of its ledger, never be negative, and no answer may be a 5xx.
 */
export async function checkLostUpdates(deployment: Deployment, plan: LostUpdatePlan): Promise<LostUpdateFigures> {
  const admin = deployment.admin();
  const places: Place[] = [];
  const code = unique('WH-LU');
  for (let i = 0; i < plan.levels; i++) {
    const set = await admin('POST', '/api/v1/stock-levels/set', {
      json: { item: { sku: unique('LU') }, location: { code }, onHand: plan.start, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
    });
    if (set.status !== 200) throw new Error(`set answered ${set.status}: ${JSON.stringify(set.body)}`);
    places.push({ itemId: set.body.itemId, locationId: set.body.locationId });
  }
  const planned: Planned[] = Array.from({ length: plan.adjustments }, (_, i) => {
    const roll = Math.random();
    const magnitude = 1 + Math.floor(Math.random() * 3);
    return {
      key: `lu-${i}-${unique('k')}`,
      level: Math.floor(Math.random() * plan.levels),
      // Slightly more decrements than increments, so some hit zero and are refused.
      delta: Math.random() < 0.55 ? -magnitude : magnitude,
      resend: roll < plan.resendShare,
      abort: roll >= plan.resendShare && roll < plan.resendShare + plan.abortShare,
    };
  });
  const figures: LostUpdateFigures = {
    engine: deployment.kind,
    processes: deployment.servers.length,
    adjustments: plan.adjustments,
    applied: 0,
    refusedBelowZero: 0,
    resent: 0,
    replaysMatching: 0,
    aborted: 0,
    abortedInLedger: 0,
    serverErrors: 0,
    ledgerEntries: 0,
    violations: [],
  };
  const acknowledged = new Map<string, number>();
  const abortedDeltas = new Map<string, number>();
  const clients = deployment.servers.map((s) => client(s.baseUrl, deployment.adminKey));
  const batches = Array.from({ length: plan.clients }, (_, c) => planned.filter((_, i) => i % plan.clients === c));

  await inParallel(batches, plan.clients, async (batch, c) => {
    for (const [n, request] of batch.entries()) {
      const send = clients[(c + n) % clients.length];
      const json = {
        item: { itemId: places[request.level].itemId },
        location: { locationId: places[request.level].locationId },
        delta: request.delta,
        reference: request.key,
      };
      const headers = { 'idempotency-key': request.key };
      if (request.abort) {
        figures.aborted++;
        abortedDeltas.set(request.key, request.delta);
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), Math.floor(Math.random() * 4));
        const answer = await send('POST', '/api/v1/stock-levels/adjust', { json, headers, signal: controller.signal }).catch(() => null);
        clearTimeout(timer);
        // An answer that arrived in full was acknowledged after all.
        if (answer) record(answer, request, figures, acknowledged, abortedDeltas);
        continue;
      }
      const answer = await send('POST', '/api/v1/stock-levels/adjust', { json, headers });
      record(answer, request, figures, acknowledged, abortedDeltas);
      if (!request.resend) continue;
      figures.resent++;
      const again = await clients[(c + n + 1) % clients.length]('POST', '/api/v1/stock-levels/adjust', { json, headers });
      if (again.status >= 500) figures.serverErrors++;
      if (
        again.status === answer.status &&
        JSON.stringify(again.body) === JSON.stringify(answer.body) &&
        again.headers.get('idempotency-replayed') === 'true'
      ) {
        figures.replaysMatching++;
      } else {
        figures.violations.push(`re-sent ${request.key} answered ${again.status} ${JSON.stringify(again.body)} instead of replaying ${answer.status}`);
      }
    }
  });

  for (const [index, place] of places.entries()) {
    const ledger = await listAll<LedgerRow>(admin, `/api/v1/ledger?itemId=${place.itemId}&locationId=${place.locationId}`);
    figures.ledgerEntries += ledger.length;
    const level = (await admin('GET', `/api/v1/stock-levels?itemId=${place.itemId}&locationId=${place.locationId}`)).body.items[0];
    const onHand: number = level.figures.onHand;
    const seen = new Map<string, number>();
    let ledgerSum = 0;
    for (const entry of ledger) {
      ledgerSum += (entry.after.figures.onHand ?? 0) - (entry.before.figures.onHand ?? 0);
      if (entry.reference) seen.set(entry.reference, (seen.get(entry.reference) ?? 0) + 1);
    }
    let expected = plan.start;
    for (const request of planned.filter((p) => p.level === index)) {
      const count = seen.get(request.key) ?? 0;
      if (count > 1) figures.violations.push(`level ${index}: ${request.key} is in the ledger ${count} times`);
      if (acknowledged.has(request.key)) {
        expected += request.delta;
        if (count === 0) figures.violations.push(`level ${index}: acknowledged ${request.key} is not in the ledger`);
      } else if (abortedDeltas.has(request.key) && count > 0) {
        expected += request.delta;
        figures.abortedInLedger++;
      }
    }
    if (onHand !== expected) figures.violations.push(`level ${index}: on hand ${onHand}, expected ${expected} (start + acknowledged + aborted in the ledger)`);
    if (onHand !== ledgerSum) figures.violations.push(`level ${index}: on hand ${onHand}, sum of its ledger ${ledgerSum}`);
    if (onHand < 0) figures.violations.push(`level ${index}: on hand ${onHand} is negative`);
  }
  if (figures.serverErrors > 0) figures.violations.push(`${figures.serverErrors} answers were 5xx`);
  return figures;
}

function record(answer: Answer, request: Planned, figures: LostUpdateFigures, acknowledged: Map<string, number>, aborted: Map<string, number>): void {
  aborted.delete(request.key);
  if (answer.status >= 500) {
    figures.serverErrors++;
    aborted.set(request.key, request.delta);
  } else if (answer.status === 200 && answer.body.status === 'applied') {
    figures.applied++;
    acknowledged.set(request.key, request.delta);
  } else if (answer.status === 409 && answer.body.code === 'INVENTORY.NEGATIVE_NOT_ALLOWED') {
    figures.refusedBelowZero++;
  } else {
    figures.violations.push(`${request.key} answered ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}
