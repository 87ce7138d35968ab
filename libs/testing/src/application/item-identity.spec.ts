import type { ApplyBatchCommand, CanonicalLine, Connection } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';
const GTIN = '00036000291452';

function set(
  lineNo: number,
  item: CanonicalLine['item'],
  extra: CanonicalLine['itemIdentifiers'],
  onHand: number,
  location = 'WH1',
  at: string | null = null,
): CanonicalLine {
  return { lineNo, item, itemIdentifiers: extra, location: { code: location }, write: { kind: 'set', patch: { onHand } }, sourceTimestamp: at };
}

function command(lines: CanonicalLine[], extra: Partial<ApplyBatchCommand> = {}): ApplyBatchCommand {
  return { tenantId: T, connection: null, actor: 'key-1', reference: null, lines, unknownItemPolicy: 'create', createLocationsAs: 'warehouse', ...extra };
}

async function run(tally: InMemoryTally, cmd: ApplyBatchCommand) {
  const result = await tally.applyBatch.execute(cmd);
  if (result.kind !== 'executed') throw new Error('expected an execution');
  return result.report;
}

const identifiersOf = async (tally: InMemoryTally, itemId: string) =>
  ((await tally.items.get(T, itemId))?.identifiers ?? []).map((i) => `${i.kind}:${i.value}`).sort();

describe('item identity in batches', () => {
  let tally: InMemoryTally;
  beforeEach(() => (tally = createInMemoryTally()));

  it('creates one item for a line naming a SKU and a GTIN, and finds it by either', async () => {
    const report = await run(tally, command([set(1, { sku: 'A' }, { gtin: GTIN }, 5)]));
    const itemId = report.lines[0].itemId as string;
    expect(await identifiersOf(tally, itemId)).toEqual([`gtin:${GTIN}`, 'sku:A']);
    const again = await run(tally, command([set(1, { gtin: GTIN }, undefined, 6)], { unknownItemPolicy: 'reject' }));
    expect(again.lines[0]).toMatchObject({ status: 'applied', itemId });
  });

  it('links a SKU item and a barcode sent later by another source; lines sharing a new identifier in one batch name one item', async () => {
    const first = await run(tally, command([set(1, { sku: 'B' }, undefined, 1)]));
    const itemId = first.lines[0].itemId as string;
    const report = await run(
      tally,
      command([set(1, { partNumber: 'P-B' }, undefined, 2, 'WH2'), set(2, { sku: 'B' }, { partNumber: 'P-B', gtin: GTIN }, 3, 'WH3')], {
        unknownItemPolicy: 'reject',
      }),
    );
    expect(report.lines.map((l) => [l.status, l.itemId])).toEqual([
      ['applied', itemId],
      ['applied', itemId],
    ]);
    expect(await identifiersOf(tally, itemId)).toEqual([`gtin:${GTIN}`, 'partNumber:P-B', 'sku:B']);
    expect(tally.items.items).toHaveLength(1);
  });

  it('does not attach for a connection that forbids it', async () => {
    const { connection } = await tally.manageConnections.create(T, { dialect: 'kibo', name: 'kibo' });
    const strict = { ...connection, secretHash: 'unused', settings: { ...connection.settings, attachIdentifiers: false } } as Connection;
    const first = await run(tally, command([set(1, { sku: 'C' }, undefined, 1)]));
    const report = await run(tally, command([set(1, { sku: 'C' }, { gtin: GTIN }, 2)], { connection: strict }));
    expect(report.lines[0]).toMatchObject({ status: 'applied', itemId: first.lines[0].itemId });
    expect(await identifiersOf(tally, first.lines[0].itemId as string)).toEqual(['sku:C']);
  });

  it('rejects a line whose identifiers name two items, opens one identity discrepancy, and applies the rest', async () => {
    const seeded = await run(tally, command([set(1, { sku: 'X' }, undefined, 1), set(2, { gtin: GTIN }, undefined, 1)]));
    const [x, y] = seeded.lines.map((l) => l.itemId as string);
    const report = await run(tally, command([set(1, { sku: 'X' }, { gtin: GTIN }, 9), set(2, { sku: 'X' }, undefined, 4)]));
    expect(report.lines[0]).toMatchObject({ status: 'rejected', itemId: null, error: { code: 'INVENTORY.IDENTITY_CONFLICT', field: 'gtin' } });
    expect(report.lines[0].error?.message).toContain(x);
    expect(report.lines[0].error?.message).toContain(y);
    expect(report.lines[1]).toMatchObject({ status: 'applied', itemId: x });
    await run(tally, command([set(1, { sku: 'X' }, { gtin: GTIN }, 9)]));
    const open = await tally.manageItems.listDiscrepancies(T, 'open', { limit: 10, cursor: null });
    expect(open.items).toHaveLength(1);
    expect(open.items[0]).toMatchObject({ itemIds: [x, y].sort(), status: 'open' });
  });

  it('merges: the newer level wins, the absorbed place ends removed in the ledger, verify stays clean', async () => {
    const seeded = await run(
      tally,
      command([
        set(1, { sku: 'S' }, undefined, 5, 'WH1', '2026-01-01T00:00:00Z'),
        set(2, { gtin: GTIN }, undefined, 8, 'WH1', '2026-01-02T00:00:00Z'),
        set(3, { gtin: GTIN }, undefined, 2, 'WH2'),
      ]),
    );
    const [survivor, absorbed] = seeded.lines.map((l) => l.itemId as string);
    await run(tally, command([set(1, { sku: 'S' }, { gtin: GTIN }, 1)]));
    const report = await tally.merge.merge(T, survivor, absorbed, 'operator');
    expect(report.levelsWritten).toBe(4);
    const levels = [...tally.store.tables(T).levels.values()];
    const at = (itemId: string, code: string) => {
      const location = tally.locations.locations.find((l) => l.code === code);
      return levels.find((l) => l.itemId === itemId && l.locationId === location?.id);
    };
    expect(at(survivor, 'WH1')?.figures.onHand).toBe(8);
    expect(at(survivor, 'WH2')?.figures.onHand).toBe(2);
    expect(at(absorbed, 'WH1')?.present).toBe(false);
    expect(tally.store.tables(T).ledger.filter((e) => e.cause === 'merge')).toHaveLength(4);
    expect(await identifiersOf(tally, survivor)).toEqual([`gtin:${GTIN}`, 'sku:S']);
    expect(await tally.items.get(T, absorbed)).toBeNull();
    expect((await tally.manageItems.listDiscrepancies(T, null, { limit: 10, cursor: null })).items.map((d) => d.status)).toEqual(['merged']);
    expect((await tally.verify.verify(T, { repair: false, actor: 'test' })).drifts).toEqual([]);
    await expect(tally.merge.merge(T, survivor, survivor, 'operator')).rejects.toMatchObject({ code: 'REQUEST.INVALID' });
    await expect(tally.merge.merge(T, survivor, absorbed, 'operator')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND', field: 'absorbedItemId' });
  });

  it('manages items: create refuses a held identifier, add and remove identifiers, dismiss a discrepancy once', async () => {
    const item = await tally.manageItems.create(T, {
      name: 'Mug',
      attributes: { colour: 'blue' },
      identifiers: [{ kind: 'sku', value: 'MUG', connectionId: null }],
    });
    expect(item).toMatchObject({ name: 'Mug', sku: 'MUG', attributes: { colour: 'blue' } });
    await expect(
      tally.manageItems.create(T, { name: null, attributes: {}, identifiers: [{ kind: 'sku', value: 'MUG', connectionId: null }] }),
    ).rejects.toMatchObject({
      code: 'INVENTORY.IDENTITY_CONFLICT',
      field: 'identifiers[0]',
    });
    const other = await tally.manageItems.create(T, { name: null, attributes: {}, identifiers: [{ kind: 'partNumber', value: 'OTHER', connectionId: null }] });
    await expect(tally.manageItems.addIdentifiers(T, other.id, [{ kind: 'sku', value: 'MUG', connectionId: null }])).rejects.toMatchObject({
      code: 'INVENTORY.IDENTITY_CONFLICT',
    });
    const added = await tally.manageItems.addIdentifiers(T, item.id, [{ kind: 'gtin', value: GTIN, connectionId: null }]);
    expect(added.identifiers).toHaveLength(2);
    const removed = await tally.manageItems.removeIdentifier(T, item.id, { kind: 'gtin', value: GTIN, connectionId: null });
    expect(removed.identifiers).toHaveLength(1);
    await expect(tally.manageItems.removeIdentifier(T, item.id, { kind: 'gtin', value: GTIN, connectionId: null })).rejects.toMatchObject({
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(await tally.manageItems.update(T, item.id, { name: 'Big mug' })).toMatchObject({ name: 'Big mug', attributes: { colour: 'blue' } });
    await run(tally, command([set(1, { sku: 'MUG' }, { partNumber: 'OTHER' }, 1)]));
    const [open] = (await tally.manageItems.listDiscrepancies(T, 'open', { limit: 10, cursor: null })).items;
    expect(await tally.manageItems.dismissDiscrepancy(T, open.id, 'two products')).toMatchObject({ status: 'dismissed', resolution: 'two products' });
    await expect(tally.manageItems.dismissDiscrepancy(T, open.id, null)).rejects.toMatchObject({ code: 'RESOURCE.CONFLICT' });
  });
});
