import { apiKeyOf, pageOf, parsePageParams, pathId, splitApiKey } from './marketplacer-request.parser';

describe('Marketplacer request parsing', () => {
  it('reads page[number] and page[size], flat or nested, with a default of one page of 100', () => {
    expect(parsePageParams({})).toEqual({ ok: true, value: { number: 1, size: 100 } });
    expect(parsePageParams({ 'page[number]': '3', 'page[size]': '25' })).toEqual({ ok: true, value: { number: 3, size: 25 } });
    expect(parsePageParams({ page: { number: '2', size: '1' } })).toEqual({ ok: true, value: { number: 2, size: 1 } });
  });

  it('refuses sizes over 100, non-numbers and unknown parameters, naming each', () => {
    const parsed = parsePageParams({ 'page[size]': '101', 'page[number]': '0', sort: 'id' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((p) => p.source)).toEqual([{ parameter: 'sort' }, { parameter: 'page[number]' }, { parameter: 'page[size]' }]);
    expect(parsed.error.every((p) => p.status === 400)).toBe(true);
  });

  it('slices pages and says whether another follows', () => {
    expect(pageOf([1, 2, 3], { number: 1, size: 2 })).toEqual({ items: [1, 2], hasNext: true });
    expect(pageOf([1, 2, 3], { number: 2, size: 2 })).toEqual({ items: [3], hasNext: false });
    expect(pageOf([1, 2, 3], { number: 5, size: 2 })).toEqual({ items: [], hasNext: false });
  });

  it('reads path ids as positive integers only', () => {
    expect(pathId('12')).toBe(12);
    for (const id of ['0', '-1', '1.5', 'abc', '01', undefined, '9'.repeat(16)]) expect(pathId(id)).toBeNull();
  });

  it('takes the key from MARKETPLACER-API-KEY first, else from a Bearer Authorization', () => {
    expect(apiKeyOf({ authorization: 'Bearer con_a.b' })).toBe('con_a.b');
    expect(apiKeyOf({ authorization: 'Basic dTpw', 'marketplacer-api-key': 'con_a.b' })).toBe('con_a.b');
    expect(apiKeyOf({ authorization: 'Basic dTpw' })).toBeNull();
    expect(apiKeyOf({})).toBeNull();
  });

  it('splits a key at the first dot', () => {
    expect(splitApiKey('con_a.b.c')).toEqual({ credentialId: 'con_a', secret: 'b.c' });
    for (const key of ['nodot', '.secret', 'con_a.']) expect(splitApiKey(key)).toBeNull();
  });
});
