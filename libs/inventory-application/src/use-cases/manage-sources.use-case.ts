import { refollowPlaces, type LocationRules, type WriteContext } from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { Location, LocationPolicySettings } from '../model/catalog.model';
import type { Clock, IdGenerator } from '../ports/clock.port';
import type { LocationRepository } from '../ports/catalog-repository.port';
import type { InventoryStore, InventoryWriteTransaction } from '../ports/inventory-store.port';
import type { ConnectionRepository } from '../ports/tenancy-repository.port';

/** What a change of sources did to the levels. */
export interface SourceSwitchReport {
  /** Locations whose rules changed. */
  readonly locations: number;
  /** Levels that now follow another observation (one `source_switched` ledger entry each). */
  readonly levelsChanged: number;
  /** Places with observations whose level the new rules leave as it was. */
  readonly levelsKept: number;
}

/**
 * Which connection a location's level follows (docs/multi-source.md): sets a location's
 * policy, and hands a connection's locations over to another connection, in one write
 * transaction each, so the levels follow the new rules at once and the ledger records it.
 */
export class ManageSources {
  constructor(
    private readonly store: InventoryStore,
    private readonly locations: LocationRepository,
    private readonly connections: ConnectionRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Sets a location's policy; its levels follow the observations the new rules pick. */
  async setLocationPolicy(
    tenantId: string,
    locationId: string,
    settings: LocationPolicySettings,
    actor: string,
  ): Promise<{ location: Location; report: SourceSwitchReport }> {
    const location = await this.locations.get(tenantId, locationId);
    if (!location) throw new ApplicationError(ApplicationErrorCodes.notFound, `no location ${locationId}`, 'locationId');
    await this.checkConnections(tenantId, settings);
    const rules: LocationRules = {
      locationId,
      policy: settings.policy,
      sourceConnectionId: settings.policy === 'single-source' ? settings.sourceConnectionId : null,
      priorityConnectionIds: settings.policy === 'priority' ? settings.priorityConnectionIds : [],
    };
    const report = await this.store.inWriteTransaction(tenantId, (tx) => this.switchTo(tx, [rules], actor, `location:${locationId}`));
    const after = await this.locations.get(tenantId, locationId);
    return { location: after as Location, report };
  }

  /**
   * Hands every location the connection is the single source of, or is listed in the
   * priority order of, over to another active connection of the tenant.
   */
  async handOver(tenantId: string, fromConnectionId: string, toConnectionId: string, actor: string): Promise<SourceSwitchReport> {
    const from = await this.connections.get(tenantId, fromConnectionId);
    if (!from) throw new ApplicationError(ApplicationErrorCodes.notFound, `no connection ${fromConnectionId}`, 'connectionId');
    const to = await this.connections.get(tenantId, toConnectionId);
    if (!to) throw new ApplicationError(ApplicationErrorCodes.validation, `no connection ${toConnectionId}`, 'toConnectionId');
    if (to.status !== 'active') throw new ApplicationError(ApplicationErrorCodes.validation, `connection ${toConnectionId} is revoked`, 'toConnectionId');
    if (to.id === from.id) throw new ApplicationError(ApplicationErrorCodes.validation, 'a connection cannot hand over to itself', 'toConnectionId');
    return this.store.inWriteTransaction(tenantId, async (tx) => {
      const following = await tx.locationsFollowing(from.id);
      const rules = following.map((l): LocationRules => ({
        ...l,
        sourceConnectionId: l.sourceConnectionId === from.id ? to.id : l.sourceConnectionId,
        priorityConnectionIds: dedupe((l.priorityConnectionIds ?? []).map((id) => (id === from.id ? to.id : id))),
      }));
      return this.switchTo(tx, rules, actor, `handover:${from.id}:${to.id}`);
    });
  }

  private async switchTo(tx: InventoryWriteTransaction, rules: readonly LocationRules[], actor: string, reference: string): Promise<SourceSwitchReport> {
    await tx.saveLocationRules(rules);
    const keys = await tx.observedPlacesAt(rules.map((r) => r.locationId));
    const context: WriteContext = { connectionId: null, actor, reference, recordedAt: this.clock.now().toISOString() };
    const state = await tx.loadBatchState(keys);
    const outcome = refollowPlaces(state, keys, context, () => this.ids.newId());
    await tx.saveOutcome(outcome, context);
    return { locations: rules.length, levelsChanged: outcome.changedLevels.length, levelsKept: keys.length - outcome.changedLevels.length };
  }

  // A revoked connection is refused as a hand-over target is: naming it would make the levels
  // follow a figure nobody reports any more.
  private async checkConnections(tenantId: string, settings: LocationPolicySettings): Promise<void> {
    const named = [...(settings.sourceConnectionId ? [settings.sourceConnectionId] : []), ...settings.priorityConnectionIds];
    for (const id of named) {
      const connection = await this.connections.get(tenantId, id);
      const field = id === settings.sourceConnectionId ? 'sourceConnectionId' : 'priorityConnectionIds';
      if (!connection) throw new ApplicationError(ApplicationErrorCodes.validation, `no connection ${id}`, field);
      if (connection.status !== 'active') throw new ApplicationError(ApplicationErrorCodes.validation, `connection ${id} is revoked`, field);
    }
  }
}

function dedupe(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
