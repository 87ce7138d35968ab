import { ApplicationError, ApplicationErrorCodes } from '../errors/application-error';
import type { Item, ItemIdentifier } from '../model/catalog.model';
import type { IdentityDiscrepancy, IdentityDiscrepancyStatus } from '../model/identity-discrepancy.model';
import { describeIdentifier, referenceOf } from '../model/item-identifier.model';
import type { Clock } from '../ports/clock.port';
import type { IdentityDiscrepancyRepository, ItemRepository } from '../ports/catalog-repository.port';
import type { Page, PageRequest } from '../ports/page.model';

/** An item to create through the canonical API. */
export interface ItemDraft {
  readonly name: string | null;
  readonly attributes: Readonly<Record<string, unknown>>;
  /** At least one; GTINs already normalized to GTIN-14. */
  readonly identifiers: readonly ItemIdentifier[];
}

/**
 * Items as an operator manages them: create, edit, give and take identifiers, and the
 * identity discrepancies that propose merges (ADR 0029). Identifiers are validated and GTINs
 * normalized by the caller.
 */
export class ManageItems {
  constructor(
    private readonly items: ItemRepository,
    private readonly identity: IdentityDiscrepancyRepository,
    private readonly clock: Clock,
  ) {}

  /** Creates an item; 409 when another item already holds one of the identifiers. */
  async create(tenantId: string, draft: ItemDraft): Promise<Item> {
    const refs = draft.identifiers.map(referenceOf);
    const holders = await this.items.findItemIds(tenantId, refs);
    const taken = holders.findIndex((h) => h !== null);
    if (taken >= 0) throw this.heldElsewhere(draft.identifiers[taken], holders[taken] as string, taken);
    const [id] = await this.items.createMany(tenantId, [{ identifiers: refs, name: draft.name, attributes: draft.attributes }], this.clock.now().toISOString());
    const item = await this.mustGet(tenantId, id);
    // A concurrent creator took an identifier first: the answer is its item, not a new one.
    if (item.identifiers?.length !== draft.identifiers.length || (await this.items.findItemIds(tenantId, refs)).some((h) => h !== id)) {
      throw new ApplicationError(ApplicationErrorCodes.conflict, `item ${id} already holds some of these identifiers`, 'identifiers', { itemId: id });
    }
    return item;
  }

  async update(tenantId: string, itemId: string, changes: { name?: string | null; attributes?: Record<string, unknown> }): Promise<Item> {
    if (!(await this.items.update(tenantId, itemId, changes))) throw this.noItem(itemId);
    return this.mustGet(tenantId, itemId);
  }

  /** Gives an item identifiers; 409 naming the holder when another item holds one. */
  async addIdentifiers(tenantId: string, itemId: string, identifiers: readonly ItemIdentifier[]): Promise<Item> {
    await this.mustGet(tenantId, itemId);
    const holders = await this.items.attach(
      tenantId,
      identifiers.map((i) => ({ itemId, reference: referenceOf(i) })),
    );
    const taken = holders.findIndex((h) => h !== itemId);
    if (taken >= 0) throw this.heldElsewhere(identifiers[taken], holders[taken], taken);
    return this.mustGet(tenantId, itemId);
  }

  /** Takes an identifier from an item; 404 when the item does not hold it. */
  async removeIdentifier(tenantId: string, itemId: string, identifier: ItemIdentifier): Promise<Item> {
    await this.mustGet(tenantId, itemId);
    if (!(await this.items.detach(tenantId, itemId, identifier))) {
      throw new ApplicationError(ApplicationErrorCodes.notFound, `item ${itemId} has no ${describeIdentifier(identifier)}`, 'value');
    }
    return this.mustGet(tenantId, itemId);
  }

  listDiscrepancies(tenantId: string, status: IdentityDiscrepancyStatus | null, page: PageRequest): Promise<Page<IdentityDiscrepancy>> {
    return this.identity.list(tenantId, status, page);
  }

  async getDiscrepancy(tenantId: string, id: string): Promise<IdentityDiscrepancy> {
    const found = await this.identity.get(tenantId, id);
    if (!found) throw new ApplicationError(ApplicationErrorCodes.notFound, `no identity discrepancy ${id}`, 'discrepancyId');
    return found;
  }

  /** Closes an open identity discrepancy without merging; 409 when it is no longer open. */
  async dismissDiscrepancy(tenantId: string, id: string, note: string | null): Promise<IdentityDiscrepancy> {
    await this.getDiscrepancy(tenantId, id);
    if (!(await this.identity.dismiss(tenantId, id, note, this.clock.now().toISOString()))) {
      throw new ApplicationError(ApplicationErrorCodes.conflict, `identity discrepancy ${id} is not open`, 'discrepancyId');
    }
    return this.getDiscrepancy(tenantId, id);
  }

  /** An item; 404 when unknown or merged away. */
  get(tenantId: string, itemId: string): Promise<Item> {
    return this.mustGet(tenantId, itemId);
  }

  private async mustGet(tenantId: string, itemId: string): Promise<Item> {
    const item = await this.items.get(tenantId, itemId);
    if (!item) throw this.noItem(itemId);
    return item;
  }

  private noItem(itemId: string): ApplicationError {
    return new ApplicationError(ApplicationErrorCodes.notFound, `no item ${itemId}`, 'itemId');
  }

  private heldElsewhere(identifier: ItemIdentifier, holder: string, index: number): ApplicationError {
    return new ApplicationError(
      ApplicationErrorCodes.identityConflict,
      `${describeIdentifier(identifier)} belongs to item ${holder}`,
      `identifiers[${index}]`,
      { itemId: holder },
    );
  }
}
