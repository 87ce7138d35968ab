import { ConfigError } from '@tally/platform-node';
import { CREATE_DATABASE_FLAG, loadStartSettings } from './start.config';

describe('loadStartSettings', () => {
  it('creates no database unless DATABASE_CREATE=on or the flag asks', () => {
    expect(loadStartSettings({}, [])).toEqual({ createDatabase: false });
    expect(loadStartSettings({ DATABASE_CREATE: 'off' }, [])).toEqual({ createDatabase: false });
    expect(loadStartSettings({ DATABASE_CREATE: 'ON' }, [])).toEqual({ createDatabase: true });
    expect(loadStartSettings({}, [CREATE_DATABASE_FLAG])).toEqual({ createDatabase: true });
  });

  it('refuses a bad value and an unknown argument, naming both', () => {
    let error: unknown;
    try {
      loadStartSettings({ DATABASE_CREATE: 'yes' }, ['--create-databse']);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'DATABASE_CREATE must be on or off, got "yes"',
      'unknown argument "--create-databse": the API takes only --create-database',
    ]);
  });
});
