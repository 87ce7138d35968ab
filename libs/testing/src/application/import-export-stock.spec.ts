import { ApplicationErrorCodes, ExportStock, ImportStock, type CanonicalLine, type ParsedStockLine } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';

function set(lineNo: number, sku: string, location: string, onHand: number): ParsedStockLine {
  const line: CanonicalLine = { lineNo, item: { sku }, location: { code: location }, write: { kind: 'set', patch: { onHand } }, sourceTimestamp: null };
  return { lineNo, line };
}

const bad = (lineNo: number): ParsedStockLine => ({
  lineNo,
  problem: { field: 'onHand', code: ApplicationErrorCodes.validation, message: 'onHand must be a whole number' },
});

async function* each<T>(values: readonly T[]): AsyncGenerator<T> {
  yield* values;
}

const onHandOf = (tally: InMemoryTally) => [...tally.store.tables(T).levels.values()].filter((l) => l.present).map((l) => l.figures.onHand);

describe('ImportStock', () => {
  let tally: InMemoryTally;
  let importer: ImportStock;
  const options = { tenantId: T, actor: 'cli:test', unknownItemPolicy: 'create', createLocationsAs: 'warehouse' } as const;
  beforeEach(() => {
    tally = createInMemoryTally();
    importer = new ImportStock(tally.applyBatch, tally.connections);
  });

  it('applies the good lines of every chunk and reports each bad line with its line number and field', async () => {
    const lines = [set(2, 'A', 'WH', 1), bad(3), set(4, 'B', 'NOWHERE', 2), set(5, 'C', 'WH', 3), set(6, 'D', 'WH', 4)];
    const progress: number[] = [];
    const report = await importer.run(each(lines), { ...options, createLocationsAs: undefined, chunkLines: 2 }, (r) => progress.push(r.linesRead));
    expect(progress).toEqual([2, 4, 5]);
    expect(report).toMatchObject({ dryRun: false, linesRead: 5, counts: { applied: 0, rejected: 5 } });
    const withLocations = await importer.run(each(lines), { ...options, chunkLines: 2 });
    expect(withLocations.counts).toMatchObject({ applied: 4, rejected: 1 });
    expect(withLocations.problems).toEqual([{ lineNo: 3, field: 'onHand', code: 'REQUEST.INVALID', message: 'onHand must be a whole number' }]);
    expect(onHandOf(tally)).toEqual([1, 2, 3, 4]);
  });

  it('reports unknown items and locations as the batch does, with the field', async () => {
    await importer.run(each([set(2, 'A', 'WH', 1)]), options);
    const report = await importer.run(each([set(2, 'A', 'WH', 5), set(3, 'NEW', 'WH', 1), set(4, 'A', 'ELSEWHERE', 1)]), {
      tenantId: T,
      actor: 'cli:test',
    });
    expect(report.counts).toMatchObject({ applied: 1, rejected: 2 });
    expect(report.problems).toEqual([
      { lineNo: 3, field: 'sku', code: 'INVENTORY.UNKNOWN_ITEM', message: expect.stringContaining('unknown items are rejected') },
      { lineNo: 4, field: 'location', code: 'INVENTORY.UNKNOWN_LOCATION', message: 'unknown location ELSEWHERE' },
    ]);
  });

  it('changes nothing in a dry run, and reports what the run would do', async () => {
    await importer.run(each([set(2, 'A', 'WH', 1)]), options);
    const before = { items: tally.items.items.length, locations: tally.locations.locations.length, ledger: tally.store.tables(T).ledger.length };
    const report = await importer.run(each([set(2, 'A', 'WH', 1), set(3, 'A', 'WH2', 9), set(4, 'NEW', 'WH3', 2), bad(5)]), { ...options, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, linesRead: 4, counts: { unchanged: 1, applied: 2, rejected: 1 } });
    expect({ items: tally.items.items.length, locations: tally.locations.locations.length, ledger: tally.store.tables(T).ledger.length }).toEqual(before);
    expect(onHandOf(tally)).toEqual([1]);
    expect(tally.committedWrites).toHaveLength(1);
  });

  it('keeps the first bad lines and counts the others', async () => {
    const report = await importer.run(each([bad(2), bad(3), bad(4)]), { ...options, keptProblems: 2 });
    expect(report.problems.map((p) => p.lineNo)).toEqual([2, 3]);
    expect(report.problemsOmitted).toBe(1);
  });

  it('refuses a connection the tenant does not have, before reading a line', async () => {
    await expect(importer.run(each([set(2, 'A', 'WH', 1)]), { ...options, connectionId: 'nope' })).rejects.toMatchObject({
      code: 'RESOURCE.NOT_FOUND',
      field: 'connectionId',
    });
    expect(tally.items.items).toHaveLength(0);
  });
});

describe('ExportStock', () => {
  it('pages through the items and yields every present level with its item and location', async () => {
    const tally = createInMemoryTally();
    await new ImportStock(tally.applyBatch, tally.connections).run(
      each([set(1, 'A', 'WH', 1), set(2, 'B', 'WH', 2), set(3, 'B', 'STORE', 3), set(4, 'C', 'WH', 4)]),
      { tenantId: T, actor: 'test', unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
    );
    await tally.applyBatch.execute({
      tenantId: T,
      connection: null,
      actor: 'test',
      reference: null,
      lines: [{ lineNo: 1, item: { sku: 'C' }, location: { code: 'WH' }, write: { kind: 'remove' }, sourceTimestamp: null }],
    });
    const pages = [];
    for await (const page of new ExportStock(tally.reader, tally.items, tally.locations).levels(T, 1)) pages.push(page);
    expect(pages.map((page) => page.map((l) => `${l.item.sku}@${l.location.code}=${l.level.figures.onHand}`))).toEqual([['A@WH=1'], ['B@WH=2', 'B@STORE=3']]);
  });
});

describe('ApplyStockBatch dry run', () => {
  it('answers as the real batch would, and creates, attaches and opens nothing', async () => {
    const tally = createInMemoryTally();
    const base = { tenantId: T, connection: null, actor: 'test', reference: null, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' } as const;
    const at = (
      lineNo: number,
      item: CanonicalLine['item'],
      code: string,
      onHand: number,
      itemIdentifiers?: CanonicalLine['itemIdentifiers'],
    ): CanonicalLine => ({
      lineNo,
      item,
      ...(itemIdentifiers ? { itemIdentifiers } : {}),
      location: { code },
      write: { kind: 'set', patch: { onHand } },
      sourceTimestamp: null,
    });
    await tally.applyBatch.execute({ ...base, lines: [at(1, { sku: 'A' }, 'WH', 1), at(2, { sku: 'B' }, 'WH', 1, { partNumber: 'PB' })] });
    const lines = [
      at(1, { sku: 'A' }, 'WH', 5, { partNumber: 'PA' }),
      at(2, { sku: 'NEW' }, 'NEW-LOC', 2),
      at(3, { sku: 'A' }, 'WH', 3, { partNumber: 'PB' }),
      at(4, { sku: 'B' }, 'WH', 1),
    ];
    const snapshot = () => ({
      items: tally.items.items.length,
      identifiers: JSON.stringify(tally.items.items),
      locations: tally.locations.locations.length,
      identity: tally.identity.all.length,
      ledger: tally.store.tables(T).ledger.length,
    });
    const before = snapshot();
    const dry = await tally.applyBatch.execute({ ...base, lines, dryRun: true });
    expect(snapshot()).toEqual(before);
    const real = await tally.applyBatch.execute({ ...base, lines });
    const statuses = (execution: typeof dry) => (execution.kind === 'executed' ? execution.report.lines.map((l) => `${l.lineNo}:${l.status}`) : []);
    expect(statuses(dry)).toEqual(['1:applied', '2:applied', '3:rejected', '4:unchanged']);
    expect(statuses(dry)).toEqual(statuses(real));
    expect(snapshot()).not.toEqual(before);
  });
});
