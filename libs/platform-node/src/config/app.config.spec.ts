import { ConfigError, loadConfig, sqliteDirectory, threadsCanShare } from './app.config';

describe('loadConfig', () => {
  it('applies the defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: 'sqlite:./data/tally.db',
      databaseKind: 'sqlite',
      adminKey: undefined,
      logLevel: 'info',
      bodyLimit: 1024 * 1024,
      batchMaxLines: 1000,
    });
  });

  it('switches to PostgreSQL on a postgres:// URL and reads sizes with units', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://tally:pw@db:5432/tally',
      BODY_LIMIT: '256kb',
      PORT: '0',
      LOG_LEVEL: 'DEBUG',
      TALLY_ADMIN_KEY: 'k'.repeat(40),
    });
    expect(config).toMatchObject({ databaseKind: 'postgres', bodyLimit: 256 * 1024, port: 0, logLevel: 'debug', adminKey: 'k'.repeat(40) });
  });

  it('lists every invalid variable at once and never echoes secrets', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: '70000',
        HOST: 'bad host!',
        DATABASE_URL: 'mysql://root:hunter2@x/db',
        TALLY_ADMIN_KEY: 'short-secret',
        LOG_LEVEL: 'loud',
        BODY_LIMIT: '5gb',
        BATCH_MAX_LINES: '0',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    expect(problems).toHaveLength(7);
    for (const name of ['PORT', 'HOST', 'DATABASE_URL', 'TALLY_ADMIN_KEY', 'LOG_LEVEL', 'BODY_LIMIT', 'BATCH_MAX_LINES']) {
      expect(message).toContain(name);
    }
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('short-secret');
  });

  it('reads LOG_FORMAT (auto by default, json or pretty in any case) and refuses any other', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'JSON' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of auto, json, pretty, got "xml"/);
  });

  it('sizes the PostgreSQL pool from DATABASE_POOL_SIZE, 10 by default, and refuses a size that cannot serve', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '24' }).databasePoolSize).toBe(24);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '1' })).toThrow(/DATABASE_POOL_SIZE must be an integer from 2 to 500, got "1"/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'lots' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('finds the directory of a SQLite file, and none for PostgreSQL or memory', () => {
    expect(sqliteDirectory('sqlite:/var/lib/tally/tally.db')).toBe('/var/lib/tally');
    expect(sqliteDirectory('sqlite::memory:')).toBeNull();
    expect(sqliteDirectory('postgres://x@h/db')).toBeNull();
  });

  it('lets worker threads share a SQLite file or PostgreSQL, never a :memory: database', () => {
    expect(threadsCanShare('sqlite::memory:')).toBe(false);
    expect(threadsCanShare('sqlite:/var/lib/tally/tally.db')).toBe(true);
    expect(threadsCanShare('postgresql://tally@db/tally')).toBe(true);
  });
});
