import { DatabaseStartError, DatabaseStartErrorCodes } from '@tally/persistence-sql';
import { ConfigError } from '@tally/platform-node';
import { ListenError, StartExitCodes, startFailureOf } from './start-failure';

describe('startFailureOf', () => {
  it('gives each cause its own exit code', () => {
    const codes = [
      startFailureOf(new ConfigError(['PORT is bad'])),
      startFailureOf(new Error('a bug')),
      startFailureOf(new DatabaseStartError(DatabaseStartErrorCodes.unreachable, 'cannot reach PostgreSQL at h:5432')),
      startFailureOf(new DatabaseStartError(DatabaseStartErrorCodes.missing, 'PostgreSQL database "tyop" does not exist on h:5432')),
      startFailureOf(new DatabaseStartError(DatabaseStartErrorCodes.migrationFailed, 'migrating x failed')),
      startFailureOf(new ListenError('0.0.0.0', 3000, Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }))),
    ].map((failure) => failure.exitCode);
    expect(codes).toEqual(Object.values(StartExitCodes));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('names the missing database and how to create it; the port in use and what to change', () => {
    const missing = startFailureOf(new DatabaseStartError(DatabaseStartErrorCodes.missing, 'PostgreSQL database "tyop" does not exist on h:5432'));
    expect(missing.message).toContain('"tyop"');
    expect(missing.message).toContain('DATABASE_CREATE=on');
    const inUse = startFailureOf(new ListenError('0.0.0.0', 3000, Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' })));
    expect(inUse.message).toContain('cannot listen on 0.0.0.0:3000: the port is in use');
  });
});
