import { UuidV7IdGenerator } from './uuid-v7.id-generator';

const SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisecondsOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
const counterOf = (id: string) => parseInt(id.slice(15, 18), 16);

describe('UuidV7IdGenerator', () => {
  it('writes version 7 UUIDs with the RFC 9562 variant and the clock in the first 48 bits', () => {
    const at = Date.UTC(2026, 11, 2, 1, 2, 3, 456);
    const id = new UuidV7IdGenerator(() => at).newId();
    expect(id).toMatch(SHAPE);
    expect(millisecondsOf(id)).toBe(at);
  });

  it('keeps ids of one millisecond increasing, so they sort in creation order', () => {
    const generator = new UuidV7IdGenerator(() => 1_000);
    const created = Array.from({ length: 1_000 }, () => generator.newId());
    expect([...created].sort()).toEqual(created);
    expect(new Set(created).size).toBe(created.length);
  });

  it('borrows the next millisecond when the counter runs out, still increasing', () => {
    const generator = new UuidV7IdGenerator(() => 5_000);
    const created = Array.from({ length: 5_000 }, () => generator.newId());
    expect([...created].sort()).toEqual(created);
    expect(millisecondsOf(created[created.length - 1])).toBeGreaterThan(5_000);
    expect(counterOf(created[0])).toBeLessThan(0x800);
  });

  it('stays increasing when the clock goes back', () => {
    let now = 10_000;
    const generator = new UuidV7IdGenerator(() => now);
    const first = generator.newId();
    now = 9_000;
    const second = generator.newId();
    expect(second > first).toBe(true);
    expect(millisecondsOf(second)).toBe(10_000);
  });

  it('gives distinct generators on the same clock distinct ids (random bits)', () => {
    const a = new UuidV7IdGenerator(() => 42);
    const b = new UuidV7IdGenerator(() => 42);
    const seen = new Set<string>();
    for (let n = 0; n < 10_000; n++) {
      seen.add(a.newId());
      seen.add(b.newId());
    }
    expect(seen.size).toBe(20_000);
  });
});
