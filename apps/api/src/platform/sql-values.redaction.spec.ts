import { withoutSqlValues } from './sql-values.redaction';

describe('withoutSqlValues', () => {
  it('keeps the statement and the reason of a failed query, without its values', () => {
    const hash = 'a3f1c9e04b2d7c8e5f6a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6';
    const text = `insert into \`api_keys\` (\`id\`, \`secret_hash\`, \`name\`) values ('k-1', '${hash}', 'O''Brien''s key') - SQLITE_CONSTRAINT: UNIQUE constraint failed: api_keys.id`;
    const logged = withoutSqlValues(text);
    expect(logged).toBe('insert into `api_keys` (`id`, `secret_hash`, `name`) values (?, ?, ?) - SQLITE_CONSTRAINT: UNIQUE constraint failed: api_keys.id');
    expect(logged).not.toContain(hash);
  });

  it('removes blob and escaped-string literals too, in a stack as well as a message', () => {
    const logged = withoutSqlValues(`DriverException: select * from t where a = X'00ff' and b = E'secret\\n'\n    at run (file.js:1:1)`);
    expect(logged).toBe('DriverException: select * from t where a = ? and b = ?\n    at run (file.js:1:1)');
  });

  it('leaves text that quotes no SQL as it is', () => {
    expect(withoutSqlValues("Cannot read properties of undefined (reading 'x')")).toBe("Cannot read properties of undefined (reading 'x')");
  });
});
