import { pgQuery } from './sql-session';

describe('pgQuery', () => {
  it('prepares a statement by name from its third use, with PostgreSQL placeholders', () => {
    const sql = 'SELECT id FROM pg_query_spec_a WHERE a = ? AND b = ?';
    expect(pgQuery(sql, [1, 'x'])).toEqual({ text: 'SELECT id FROM pg_query_spec_a WHERE a = $1 AND b = $2', values: [1, 'x'] });
    expect(pgQuery(sql, [2, 'y'])).not.toHaveProperty('name');
    const third = pgQuery(sql, [3, 'z']);
    expect(third).toMatchObject({ text: 'SELECT id FROM pg_query_spec_a WHERE a = $1 AND b = $2', values: [3, 'z'] });
    expect(third.name).toMatch(/^tally_\d+$/);
    expect(pgQuery(sql, [4, 'w']).name).toBe(third.name);
  });

  it('gives different texts different names', () => {
    const names = ['SELECT 1 FROM pg_query_spec_b', 'SELECT 2 FROM pg_query_spec_b'].map((sql) => {
      pgQuery(sql, []);
      pgQuery(sql, []);
      return pgQuery(sql, []).name;
    });
    expect(names[0]).toBeDefined();
    expect(names[0]).not.toBe(names[1]);
  });

  it('names at most 500 texts, leaving the rest unnamed', () => {
    for (let i = 0; i < 600; i += 1) for (let use = 0; use < 3; use += 1) pgQuery(`SELECT ${i} FROM pg_query_spec_c`, []);
    const late = 'SELECT late FROM pg_query_spec_c';
    for (let use = 0; use < 5; use += 1) expect(pgQuery(late, []).name).toBeUndefined();
  });
});
