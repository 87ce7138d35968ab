import { checkDialectOptions } from './dialect-options.checker';
import type { DialectSettingsSchema } from './dialect.descriptor';

const schema: DialectSettingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    sellerId: { type: 'integer', title: 'Seller id', description: 'x', minimum: 1 },
    testMode: { type: 'boolean', title: 'Test mode', description: 'x' },
    region: { type: 'string', title: 'Region', description: 'x', enum: ['eu', 'us'] },
    sources: { type: 'array', title: 'Sources', description: 'x', items: { type: 'string', minLength: 1 }, maxItems: 2 },
  },
};

describe('checkDialectOptions', () => {
  it('accepts options that fit, and null to clear one', () => {
    expect(checkDialectOptions(schema, { sellerId: 7, testMode: true, region: 'eu', sources: ['a'] })).toEqual([]);
    expect(checkDialectOptions(schema, { sellerId: null })).toEqual([]);
  });

  it('checks a string against its pattern without repeating the value, under the field prefix asked for', () => {
    const secrets: DialectSettingsSchema = {
      type: 'object',
      additionalProperties: false,
      properties: { secret: { type: 'string', title: 'Secret', description: 'x', pattern: '^whsec_[A-Za-z0-9+/=]+$' } },
      required: ['secret'],
    };
    expect(checkDialectOptions(secrets, { secret: 'whsec_abc=' }, 'credentials')).toEqual([]);
    const [problem] = checkDialectOptions(secrets, { secret: 'hunter2' }, 'credentials');
    expect(problem.field).toBe('credentials.secret');
    expect(problem.message).not.toContain('hunter2');
    expect(checkDialectOptions(secrets, {}, 'credentials')).toEqual([{ field: 'credentials.secret', message: 'secret is required' }]);
  });

  it('names a misspelt option and lists the known ones', () => {
    expect(checkDialectOptions(schema, { sellerID: 7 })).toEqual([
      { field: 'settings.options.sellerID', message: 'unknown option sellerID; known options: sellerId, testMode, region, sources' },
    ]);
  });

  it('refuses wrong types, bounds, enumerations and elements', () => {
    const problems = checkDialectOptions(schema, { sellerId: 0, testMode: 'yes', region: 'mars', sources: ['a', ''] });
    expect(problems.map((p) => p.message)).toEqual([
      'sellerId must be at least 1',
      'testMode must be true or false',
      'region must be one of eu, us',
      'sources must hold strings of at least 1 characters',
    ]);
    expect(checkDialectOptions(schema, { sellerId: 1.5 })[0].message).toBe('sellerId must be a whole number');
    expect(checkDialectOptions(schema, { sources: ['a', 'b', 'c'] })[0].message).toBe('sources must have at most 2 elements');
    const kinds: DialectSettingsSchema = {
      type: 'object',
      additionalProperties: false,
      properties: { kinds: { type: 'array', title: 'Kinds', description: 'x', items: { type: 'string', enum: ['a', 'b'] } } },
    };
    expect(checkDialectOptions(kinds, { kinds: ['a', 'b'] })).toEqual([]);
    expect(checkDialectOptions(kinds, { kinds: ['a', 'c'] })[0].message).toBe('kinds must hold only a, b');
  });

  it('lets other options through when the schema allows them, and enforces required ones', () => {
    expect(checkDialectOptions({ ...schema, additionalProperties: true, required: ['sellerId'] }, { anything: 1 })).toEqual([
      { field: 'settings.options.sellerId', message: 'sellerId is required' },
    ]);
  });

  it('does not let null clear a required option', () => {
    expect(checkDialectOptions({ ...schema, required: ['sellerId'] }, { sellerId: null }, 'settings')).toEqual([
      { field: 'settings.sellerId', message: 'sellerId is required' },
    ]);
  });

  it('refuses a string outside its pattern without quoting the value', () => {
    const withPattern: DialectSettingsSchema = {
      ...schema,
      properties: { token: { type: 'string', title: 'Token', description: 'x', pattern: '^[^\\s,;"]+$' } },
    };
    expect(checkDialectOptions(withPattern, { token: 'abc123' }, 'credentials')).toEqual([]);
    const [problem] = checkDialectOptions(withPattern, { token: 'abc,s3cr3t' }, 'credentials');
    expect(problem.field).toBe('credentials.token');
    expect(problem.message).toMatch(/^token must match the pattern /);
    expect(problem.message).not.toContain('s3cr3t');
  });
});
