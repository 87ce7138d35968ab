import { channelRulesProblem, NO_CHANNEL_RULES, type ChannelItemOverride, type ChannelRules } from '@tally/inventory-domain';
import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { Channel, ChannelIdentifierChoice, ChannelItemState, ChannelItemSync, ChannelOverride, ChannelStatus } from '../model/channel.model';
import type { ItemRepository, LocationRepository } from '../ports/catalog-repository.port';
import type { ChannelRepository } from '../ports/channel-repository.port';
import type { ChannelSenders } from '../ports/channel-senders.port';
import type { Clock, IdGenerator } from '../ports/clock.port';
import type { Page, PageRequest } from '../ports/page.model';
import type { SecretCipher } from '../ports/secret-cipher.port';
import type { ConnectionRepository } from '../ports/tenancy-repository.port';
import { channelSecretContext } from './dispatch-channels.use-case';
import { channelFigureOf, channelIdentifierOf } from './channel-figure.service';

/** A channel as shown: its credentials are never answered back, only the names of those set. */
export type ChannelView = Omit<Channel, 'sealedCredentials'> & { readonly credentialFields: readonly string[] };

/** What a client gives to create a channel. */
export interface NewChannelInput {
  readonly name: string;
  readonly dialect: string;
  readonly baseUrl: string;
  readonly status?: ChannelStatus;
  readonly locationIds?: readonly string[] | null;
  readonly rules?: Partial<ChannelRules>;
  readonly identifier?: Partial<ChannelIdentifierChoice>;
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly credentials: Readonly<Record<string, unknown>>;
}

/** What a client may change; credentials, when given, replace the old ones whole. */
export type ChannelChanges = Partial<Omit<NewChannelInput, 'dialect'>>;

/** One item's available-to-sell on a channel, with its sync state. */
export interface ChannelItemAvailability {
  readonly itemId: string;
  readonly name: string | null;
  /** The identifier the channel names it by; null when the item has none of that kind. */
  readonly identifier: string | null;
  /** Units shown to the channel; null when unlimited. */
  readonly quantity: number | null;
  readonly sellable: number;
  readonly unlimited: boolean;
  readonly changedAt: string | null;
  readonly sync: ChannelItemSync | null;
}

const IDENTIFIER_KINDS = ['sku', 'gtin', 'partNumber', 'external'] as const;

/** Creates and edits a tenant's channels and answers their availability and sync (docs/channels.md). */
export class ManageChannels {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly senders: ChannelSenders,
    private readonly cipher: SecretCipher,
    private readonly locations: LocationRepository,
    private readonly items: ItemRepository,
    private readonly connections: ConnectionRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Stores the channel and marks every item with stock for its first full sync. */
  async create(tenantId: string, input: NewChannelInput): Promise<ChannelView> {
    const dialects = this.senders.dialects();
    if (!dialects.includes(input.dialect)) throw invalid('dialect', `dialect must be one of ${dialects.join(', ')}`);
    const id = this.ids.newId();
    const at = this.clock.now().toISOString();
    const channel: Channel = {
      id,
      tenantId,
      name: checkName(input.name),
      dialect: input.dialect,
      status: checkStatus(input.status ?? 'active'),
      baseUrl: checkBaseUrl(input.baseUrl),
      locationIds: await this.checkLocations(tenantId, input.locationIds ?? null),
      rules: checkRules({ ...NO_CHANNEL_RULES, ...input.rules }),
      identifier: await this.checkIdentifier(tenantId, { kind: 'sku', connectionId: null, ...input.identifier }),
      settings: input.settings ?? {},
      events: [],
      sealedCredentials: '',
      createdAt: at,
      updatedAt: at,
    };
    this.checkConfig(channel.dialect, channel.settings, input.credentials);
    const subscribed: Channel = { ...channel, events: this.senders.subscribedEvents(channel.dialect, channel.settings) };
    // The repository refuses a taken name (conflict), under the lock that orders creations.
    await this.channels.create({ ...subscribed, sealedCredentials: this.seal(id, input.credentials) });
    return viewOf(subscribed, input.credentials);
  }

  async list(tenantId: string): Promise<ChannelView[]> {
    return (await this.channels.list(tenantId)).map((c) => viewOf(c, this.open(c)));
  }

  async get(tenantId: string, channelId: string): Promise<ChannelView> {
    const channel = await this.require(tenantId, channelId);
    return viewOf(channel, this.open(channel));
  }

  /**
   * Changes the channel. A change of what its figures depend on (locations, rules, identifier,
   * target) marks every item for sending again.
   */
  async update(tenantId: string, channelId: string, changes: ChannelChanges): Promise<ChannelView> {
    const current = await this.require(tenantId, channelId);
    const credentials = changes.credentials ?? this.open(current);
    let next: Channel = {
      ...current,
      ...(changes.name !== undefined ? { name: checkName(changes.name) } : {}),
      ...(changes.status !== undefined ? { status: checkStatus(changes.status) } : {}),
      ...(changes.baseUrl !== undefined ? { baseUrl: checkBaseUrl(changes.baseUrl) } : {}),
      ...(changes.locationIds !== undefined ? { locationIds: await this.checkLocations(tenantId, changes.locationIds) } : {}),
      ...(changes.rules !== undefined ? { rules: checkRules({ ...current.rules, ...changes.rules }) } : {}),
      ...(changes.identifier !== undefined ? { identifier: await this.checkIdentifier(tenantId, { ...current.identifier, ...changes.identifier }) } : {}),
      ...(changes.settings !== undefined ? { settings: changes.settings } : {}),
      updatedAt: this.clock.now().toISOString(),
    };
    this.checkConfig(next.dialect, next.settings, credentials);
    next = { ...next, events: this.senders.subscribedEvents(next.dialect, next.settings) };
    if (next.name !== current.name) await this.requireFreeName(tenantId, next.name, channelId);
    const sealedCredentials = changes.credentials !== undefined ? this.seal(channelId, changes.credentials) : current.sealedCredentials;
    await this.channels.update({ ...next, sealedCredentials });
    const resync = ['baseUrl', 'locationIds', 'rules', 'identifier', 'settings'].some((k) => changes[k as keyof ChannelChanges] !== undefined);
    if (resync) await this.channels.markAll(tenantId, channelId, next.updatedAt);
    return viewOf(next, credentials);
  }

  async delete(tenantId: string, channelId: string): Promise<void> {
    if (!(await this.channels.delete(tenantId, channelId))) throw notFound(channelId);
  }

  /** Marks every item with stock for sending again; answers how many. */
  async resync(tenantId: string, channelId: string): Promise<number> {
    await this.require(tenantId, channelId);
    return this.channels.markAll(tenantId, channelId, this.clock.now().toISOString());
  }

  /** Sends dead-lettered items again (all, or the ones named; all dead events too when none are named); answers how many. */
  async replay(tenantId: string, channelId: string, itemIds: readonly string[] | null): Promise<number> {
    await this.require(tenantId, channelId);
    return this.channels.replayDead(tenantId, channelId, itemIds, this.clock.now().toISOString());
  }

  /** Sets one item's exceptions to the channel's rules, and marks it for sending. */
  async setOverride(tenantId: string, channelId: string, itemId: string, override: ChannelItemOverride): Promise<ChannelOverride> {
    await this.require(tenantId, channelId);
    if (!(await this.items.get(tenantId, itemId))) throw new ApplicationError(ApplicationErrorCodes.notFound, `no item ${itemId}`, 'itemId');
    const problem = channelRulesProblem(override.rules);
    if (problem) throw invalid(`rules.${problem.field}`, `rules.${problem.field} ${problem.problem}`);
    const fixed = override.fixed;
    if (fixed !== null && fixed !== 'unlimited' && !(typeof fixed === 'number' && Number.isSafeInteger(fixed) && fixed >= 0)) {
      throw invalid('fixed', 'fixed must be a whole number ≥ 0, "unlimited" or null');
    }
    const stored: ChannelOverride = { ...override, itemId, updatedAt: this.clock.now().toISOString() };
    await this.channels.setOverride(tenantId, channelId, stored);
    return stored;
  }

  async removeOverride(tenantId: string, channelId: string, itemId: string): Promise<void> {
    await this.require(tenantId, channelId);
    if (!(await this.channels.removeOverride(tenantId, channelId, itemId, this.clock.now().toISOString()))) {
      throw new ApplicationError(ApplicationErrorCodes.notFound, `item ${itemId} has no override on channel ${channelId}`, 'itemId');
    }
  }

  async overrides(tenantId: string, channelId: string, page: PageRequest): Promise<Page<ChannelOverride>> {
    await this.require(tenantId, channelId);
    return this.channels.listOverrides(tenantId, channelId, page);
  }

  /** Every item with stock and its available-to-sell on the channel, computed now. */
  async availability(tenantId: string, channelId: string, changedSince: string | null, page: PageRequest): Promise<Page<ChannelItemAvailability>> {
    const channel = await this.require(tenantId, channelId);
    const facts = await this.channels.itemFacts(tenantId, channelId, { changedSince }, page);
    return {
      nextCursor: facts.nextCursor,
      items: facts.items.map((f) => {
        const { quantity, sellable, unlimited } = channelFigureOf(channel, f);
        return {
          itemId: f.itemId,
          name: f.name,
          identifier: channelIdentifierOf(channel, f),
          quantity,
          sellable,
          unlimited,
          changedAt: f.changedAt,
          sync: f.sync,
        };
      }),
    };
  }

  async summary(tenantId: string, channelId: string) {
    await this.require(tenantId, channelId);
    return this.channels.summary(tenantId, channelId);
  }

  async deliveries(tenantId: string, channelId: string, page: PageRequest) {
    await this.require(tenantId, channelId);
    return this.channels.deliveries(tenantId, channelId, page);
  }

  async itemsInState(tenantId: string, channelId: string, state: ChannelItemState, page: PageRequest) {
    await this.require(tenantId, channelId);
    return this.channels.itemsInState(tenantId, channelId, state, page);
  }

  private checkConfig(dialect: string, settings: Readonly<Record<string, unknown>>, credentials: Readonly<Record<string, unknown>>): void {
    const [problem] = this.senders.check(dialect, settings, credentials);
    if (problem) throw invalid(problem.field, problem.message);
  }

  private async checkLocations(tenantId: string, ids: readonly string[] | null): Promise<readonly string[] | null> {
    if (ids === null) return null;
    if (!Array.isArray(ids) || ids.length === 0)
      throw invalid('locationIds', 'locationIds must be a non-empty list of location ids, or null for every location');
    for (const [i, id] of ids.entries()) {
      if (!(await this.locations.get(tenantId, id))) throw invalid(`locationIds[${i}]`, `no location ${id}`);
    }
    return [...new Set(ids)];
  }

  private async checkIdentifier(tenantId: string, choice: ChannelIdentifierChoice): Promise<ChannelIdentifierChoice> {
    if (!IDENTIFIER_KINDS.includes(choice.kind)) throw invalid('identifier.kind', `identifier.kind must be one of ${IDENTIFIER_KINDS.join(', ')}`);
    if (choice.kind !== 'external') return { kind: choice.kind, connectionId: null };
    if (!choice.connectionId || !(await this.connections.get(tenantId, choice.connectionId))) {
      throw invalid('identifier.connectionId', 'identifier.connectionId must name a connection of the tenant when kind is external');
    }
    return { kind: 'external', connectionId: choice.connectionId };
  }

  // Only renames need it: the repository's update does not check names (its create does).
  private async requireFreeName(tenantId: string, name: string, self: string): Promise<void> {
    const clash = (await this.channels.list(tenantId)).find((c) => c.name === name && c.id !== self);
    if (clash) throw new ApplicationError(ApplicationErrorCodes.conflict, `a channel named ${name} exists`, 'name');
  }

  private seal(channelId: string, credentials: Readonly<Record<string, unknown>>): string {
    return this.cipher.seal(JSON.stringify(credentials), channelSecretContext(channelId));
  }

  private open(channel: Channel): Record<string, unknown> {
    try {
      return JSON.parse(this.cipher.open(channel.sealedCredentials, channelSecretContext(channel.id))) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  private async require(tenantId: string, channelId: string): Promise<Channel> {
    const found = await this.channels.get(tenantId, channelId);
    if (!found) throw notFound(channelId);
    return found;
  }
}

const invalid = (field: string, message: string) => new ApplicationError(ApplicationErrorCodes.validation, message, field);
const notFound = (channelId: string) => new ApplicationError(ApplicationErrorCodes.notFound, `no channel ${channelId}`, 'channelId');

function checkName(name: string): string {
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 200) throw invalid('name', 'name must be 1–200 characters');
  return name.trim();
}

function checkStatus(status: ChannelStatus): ChannelStatus {
  if (status !== 'active' && status !== 'paused') throw invalid('status', 'status must be active or paused');
  return status;
}

// Scheme, host (no user info) and an optional path; the lib has no URL class (it runs anywhere).
const BASE_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s?#]*)?$/;
const BASE_URL_WITH_IPV6 = /^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?(\/[^\s?#]*)?$/;

function checkBaseUrl(value: string): string {
  if (typeof value !== 'string' || value.length > 2000) throw invalid('baseUrl', 'baseUrl must be an http or https URL of at most 2000 characters');
  if (/^https?:\/\/[^/]*@/.test(value)) throw invalid('baseUrl', 'baseUrl may not carry credentials: put them in credentials, which are encrypted at rest');
  if (!BASE_URL.test(value) && !BASE_URL_WITH_IPV6.test(value)) {
    throw invalid('baseUrl', 'baseUrl must be an absolute http or https URL without query or fragment');
  }
  return value.replace(/\/+$/, '');
}

function checkRules(rules: ChannelRules): ChannelRules {
  const problem = channelRulesProblem(rules);
  if (problem) throw invalid(`rules.${problem.field}`, `rules.${problem.field} ${problem.problem}`);
  return { bufferUnits: rules.bufferUnits, bufferPercent: rules.bufferPercent, maxShown: rules.maxShown, zeroAt: rules.zeroAt };
}

function viewOf(channel: Channel, credentials: Readonly<Record<string, unknown>>): ChannelView {
  const { sealedCredentials: _sealed, ...view } = channel;
  return { ...view, credentialFields: Object.keys(credentials).sort() };
}
