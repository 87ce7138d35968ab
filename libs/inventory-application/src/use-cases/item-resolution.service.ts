import { ApplicationErrorCodes, type UseCaseErrorCode } from '../errors/application-error';
import type { ItemReference } from '../model/catalog.model';
import type { IdentityClaim } from '../model/identity-discrepancy.model';
import { identifierOf, type IdentifierReference } from '../model/item-identifier.model';
import type { UnknownItemPolicy } from '../model/tenancy.model';
import type { IdentifierAttachment, IdentityDiscrepancyRepository, ItemRepository, NewIdentityDiscrepancy, NewItem } from '../ports/catalog-repository.port';
import type { CanonicalLine } from './apply-stock-batch.command';

/** Why a line could not be tied to an item and a location. */
export interface ResolutionFailure {
  readonly code: UseCaseErrorCode;
  readonly message: string;
  readonly field: string;
}

/** How one batch may resolve its items. */
export interface ItemResolutionOptions {
  readonly policy: UnknownItemPolicy;
  /** The reporting connection, recorded on the identity discrepancies the batch opens. */
  readonly connectionId: string | null;
  /** False when identifiers must not be attached to existing items (connection setting). */
  readonly attach: boolean;
  readonly at: string;
  /** Dry run: nothing is created, attached or opened; an item that would be created gets this id. */
  readonly provisionalId?: () => string;
}

/** A stable key of an item reference, to merge lines that name the same identifier. */
export function referenceKey(ref: ItemReference): string {
  if ('itemId' in ref) return `id:${ref.itemId}`;
  if ('sku' in ref) return `sku:${ref.sku}`;
  if ('gtin' in ref) return `gtin:${ref.gtin}`;
  if ('partNumber' in ref) return `part:${ref.partNumber}`;
  return `ext:${ref.external.connectionId}:${ref.external.externalId}`;
}

/** The field and value of a reference, for messages. */
export function describeReference(ref: ItemReference): { field: string; value: string } {
  if ('itemId' in ref) return { field: 'itemId', value: ref.itemId };
  if ('sku' in ref) return { field: 'sku', value: ref.sku };
  if ('gtin' in ref) return { field: 'gtin', value: ref.gtin };
  if ('partNumber' in ref) return { field: 'partNumber', value: ref.partNumber };
  return { field: 'externalId', value: ref.external.externalId };
}

/** Every identifier a line names, its main reference first, each once. */
export function referencesOf(line: CanonicalLine): ItemReference[] {
  const refs: ItemReference[] = [line.item];
  const extra = line.itemIdentifiers;
  if (extra) {
    if (extra.sku !== undefined) refs.push({ sku: extra.sku });
    if (extra.gtin !== undefined) refs.push({ gtin: extra.gtin });
    if (extra.partNumber !== undefined) refs.push({ partNumber: extra.partNumber });
    for (const external of extra.external ?? []) refs.push({ external });
  }
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(referenceKey(r)) && Boolean(seen.add(referenceKey(r))));
}

/**
 * Ties each line to one item by all the identifiers it names (ADR 0029), with one lookup for
 * the whole batch: a line matches the item any of its identifiers names; identifiers nobody
 * holds are attached to that item (unless the connection forbids it) or given to the item the
 * line creates; a line whose identifiers name two items is rejected with
 * `INVENTORY.IDENTITY_CONFLICT` and opens an identity discrepancy proposing their merge.
 */
export class ItemResolver {
  constructor(
    private readonly items: ItemRepository,
    private readonly identity: IdentityDiscrepancyRepository | null,
  ) {}

  async resolve(
    tenantId: string,
    lines: readonly CanonicalLine[],
    options: ItemResolutionOptions,
    failures: Map<number, ResolutionFailure>,
  ): Promise<{ ids: Map<number, string>; created: string[] }> {
    const refsByLine = new Map(lines.map((l) => [l.lineNo, referencesOf(l)]));
    const distinct = new Map<string, ItemReference>();
    for (const refs of refsByLine.values()) for (const r of refs) distinct.set(referenceKey(r), r);
    const keys = [...distinct.keys()];
    const found = await this.items.findItemIds(tenantId, [...distinct.values()]);
    // Who holds each identifier, as far as this batch knows: found, then claimed by its lines.
    const holder = new Map<string, string>();
    found.forEach((id, i) => id !== null && holder.set(keys[i], id));

    const ids = new Map<number, string>();
    const attachments = new Map<string, { attachment: IdentifierAttachment; lineNos: number[] }>();
    const conflicts: NewIdentityDiscrepancy[] = [];
    let pending = [...lines];
    for (let progress = true; progress && pending.length;) {
      progress = false;
      const next: CanonicalLine[] = [];
      for (const line of pending) {
        const refs = refsByLine.get(line.lineNo) as ItemReference[];
        const named = [...new Set(refs.flatMap((r) => holder.get(referenceKey(r)) ?? []))];
        if (named.length === 0) {
          next.push(line);
          continue;
        }
        progress = true;
        if (named.length > 1) {
          failures.set(line.lineNo, conflictFailure(refs, holder));
          conflicts.push(this.discrepancyOf(refs, holder, named, options));
          continue;
        }
        const itemId = named[0];
        ids.set(line.lineNo, itemId);
        if (!options.attach) continue;
        for (const ref of refs) {
          const key = referenceKey(ref);
          if (holder.has(key) || 'itemId' in ref) continue;
          holder.set(key, itemId);
          attachments.set(key, { attachment: { itemId, reference: ref }, lineNos: [] });
        }
        for (const ref of refs) attachments.get(referenceKey(ref))?.lineNos.push(line.lineNo);
      }
      pending = next;
    }

    const created = await this.createMissing(tenantId, pending, refsByLine, options, ids, failures);
    if (options.provisionalId) return { ids, created };
    await this.attach(tenantId, attachments, ids, failures);
    if (conflicts.length && this.identity) await this.identity.open(tenantId, conflicts);
    return { ids, created };
  }

  private async createMissing(
    tenantId: string,
    lines: readonly CanonicalLine[],
    refsByLine: ReadonlyMap<number, ItemReference[]>,
    options: ItemResolutionOptions,
    ids: Map<number, string>,
    failures: Map<number, ResolutionFailure>,
  ): Promise<string[]> {
    const groups: { lineNos: number[]; keys: Set<string>; item: { identifiers: IdentifierReference[]; name: string | null } }[] = [];
    for (const line of lines) {
      const refs = refsByLine.get(line.lineNo) as ItemReference[];
      if (options.policy !== 'create' || 'itemId' in line.item) {
        const { field, value } = describeReference(line.item);
        const why = options.policy === 'reject' ? ' (unknown items are rejected)' : '';
        failures.set(line.lineNo, { code: ApplicationErrorCodes.unknownItem, message: `no item with ${field} ${value}${why}`, field });
        continue;
      }
      // Lines that share an identifier name one new item.
      const keys = refs.map(referenceKey);
      const joined = groups.filter((g) => keys.some((k) => g.keys.has(k)));
      const group = joined[0] ?? { lineNos: [], keys: new Set<string>(), item: { identifiers: [], name: null } };
      if (!joined.length) groups.push(group);
      for (const other of joined.slice(1)) {
        other.lineNos.forEach((n) => group.lineNos.push(n));
        other.keys.forEach((k) => group.keys.add(k));
        group.item.identifiers.push(...other.item.identifiers);
        groups.splice(groups.indexOf(other), 1);
      }
      group.lineNos.push(line.lineNo);
      group.item.name ??= line.itemName ?? null;
      for (const ref of refs as IdentifierReference[]) {
        if (group.keys.has(referenceKey(ref))) continue;
        group.keys.add(referenceKey(ref));
        group.item.identifiers.push(ref);
      }
    }
    if (!groups.length) return [];
    const newItems: NewItem[] = groups.map((g) => g.item);
    const provisional = options.provisionalId;
    const createdIds = provisional ? groups.map(() => provisional()) : await this.items.createMany(tenantId, newItems, options.at);
    groups.forEach((g, i) => g.lineNos.forEach((n) => ids.set(n, createdIds[i])));
    return [...new Set(createdIds)];
  }

  private async attach(
    tenantId: string,
    attachments: ReadonlyMap<string, { attachment: IdentifierAttachment; lineNos: number[] }>,
    ids: Map<number, string>,
    failures: Map<number, ResolutionFailure>,
  ): Promise<void> {
    if (!attachments.size) return;
    const list = [...attachments.values()];
    const holders = await this.items.attach(
      tenantId,
      list.map((a) => a.attachment),
    );
    list.forEach(({ attachment, lineNos }, i) => {
      if (holders[i] === attachment.itemId) return;
      // Another writer gave the identifier to another item meanwhile: the lines are not applied.
      const { field, value } = describeReference(attachment.reference);
      for (const lineNo of lineNos) {
        ids.delete(lineNo);
        failures.set(lineNo, {
          code: ApplicationErrorCodes.identityConflict,
          message: `${field} ${value} names item ${holders[i]}, the line's other identifiers name item ${attachment.itemId}`,
          field,
        });
      }
    });
  }

  private discrepancyOf(
    refs: readonly ItemReference[],
    holder: ReadonlyMap<string, string>,
    named: readonly string[],
    options: ItemResolutionOptions,
  ): NewIdentityDiscrepancy {
    const claims: IdentityClaim[] = refs
      .filter((r): r is IdentifierReference => !('itemId' in r))
      .map((r) => ({ ...identifierOf(r), itemId: holder.get(referenceKey(r)) ?? null }));
    const pair = [named[0], named[1]].sort() as [string, string];
    return { itemIds: pair, claims, connectionId: options.connectionId, openedAt: options.at };
  }
}

function conflictFailure(refs: readonly ItemReference[], holder: ReadonlyMap<string, string>): ResolutionFailure {
  const parts = refs.flatMap((r) => {
    const id = holder.get(referenceKey(r));
    const { field, value } = describeReference(r);
    return id ? [`${field} ${value} names item ${id}`] : [];
  });
  const first = holder.get(referenceKey(refs.find((r) => holder.has(referenceKey(r))) as ItemReference));
  const other = refs.find((r) => {
    const id = holder.get(referenceKey(r));
    return id !== undefined && id !== first;
  }) as ItemReference;
  return {
    code: ApplicationErrorCodes.identityConflict,
    message: `the line's identifiers name different items (${parts.join('; ')}); not applied, an identity discrepancy proposes merging them`,
    field: describeReference(other).field,
  };
}
