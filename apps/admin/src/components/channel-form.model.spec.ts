import type { components } from '../api/schema';

type Schemas = components['schemas'];
import {
  channelForm,
  createBody,
  fieldTexts,
  fieldValues,
  lagText,
  newChannelForm,
  problemAt,
  schemaFields,
  sentFigure,
  shownQuantity,
  unplacedProblems,
  updateBody,
} from './channel-form.model';

const dialect: Schemas['ChannelDialectDto'] = {
  events: [],
  dialect: 'shop',
  title: 'A shop',
  maxBatch: 100,
  requestsPerSecond: null,
  settingsSchema: {
    type: 'object',
    properties: {
      path: { type: 'string', description: 'Appended to the URL.' },
      mode: { type: 'string', title: 'Mode', enum: ['fast', 'safe'] },
      pageSize: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
      ratio: { type: ['number', 'null'] },
      dryRun: { type: 'boolean' },
      stores: { type: 'array', items: { type: 'integer' } },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['mode'],
    additionalProperties: false,
  },
  credentialsSchema: {
    type: 'object',
    properties: { clientId: { type: 'string' }, clientSecret: { type: 'string' } },
    required: ['clientId', 'clientSecret'],
    additionalProperties: false,
  },
};

const channel: Schemas['ChannelDto'] = {
  events: [],
  id: 'c1',
  tenantId: 't1',
  name: 'Web shop',
  dialect: 'shop',
  status: 'active',
  baseUrl: 'https://shop.example.com',
  locationIds: ['l2', 'l1'],
  rules: { bufferUnits: 2, bufferPercent: 0, maxShown: null, zeroAt: 1 },
  identifier: { kind: 'sku', connectionId: null },
  settings: { mode: 'fast', stores: [1, 2] },
  credentialFields: ['clientId', 'clientSecret'],
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('schema fields', () => {
  it('reads each property of a settings schema as an input of its kind, in order', () => {
    expect(schemaFields(dialect.settingsSchema, false).map((f) => [f.name, f.label, f.kind, f.required])).toEqual([
      ['path', 'path', 'text', false],
      ['mode', 'Mode', 'choice', true],
      ['pageSize', 'pageSize', 'integer', false],
      ['ratio', 'ratio', 'number', false],
      ['dryRun', 'dryRun', 'boolean', false],
      ['stores', 'stores', 'list', false],
      ['tags', 'tags', 'list', false],
    ]);
    const [path, , pageSize] = schemaFields(dialect.settingsSchema, false);
    expect(path).toMatchObject({ description: 'Appended to the URL.', fallback: null });
    expect(pageSize).toMatchObject({ description: null, fallback: '100', minimum: 1, maximum: 500 });
  });

  it('makes every credential a secret, whatever its type', () => {
    expect(schemaFields(dialect.credentialsSchema, true).map((f) => f.kind)).toEqual(['secret', 'secret']);
    expect(schemaFields(undefined, true)).toEqual([]);
  });

  it('turns texts into values: empty left out, numbers, booleans and lists typed, a bad number sent as typed', () => {
    const fields = schemaFields(dialect.settingsSchema, false);
    const texts = { path: ' /hook ', mode: 'safe', pageSize: '50', ratio: 'abc', dryRun: 'false', stores: '1, 2,,3', tags: '' };
    expect(fieldValues(fields, texts)).toEqual({ path: '/hook', mode: 'safe', pageSize: 50, ratio: 'abc', dryRun: false, stores: [1, 2, 3] });
  });

  it('takes a secret exactly as typed, spaces included, and shows none back', () => {
    const fields = schemaFields(dialect.credentialsSchema, true);
    expect(fieldValues(fields, { clientId: ' id ', clientSecret: '' })).toEqual({ clientId: ' id ' });
    expect(fieldTexts(fields, { clientId: 'stored', clientSecret: 'stored' })).toEqual({ clientId: '', clientSecret: '' });
  });
});

describe('channel bodies', () => {
  it('creates with every part: all locations as null, empty rules as none, the typed settings and credentials', () => {
    const state = {
      ...newChannelForm(dialect),
      name: ' Web shop ',
      baseUrl: 'https://shop.example.com ',
      settings: { ...newChannelForm(dialect).settings, mode: 'fast' },
      credentials: { clientId: 'id', clientSecret: 's3cret' },
    };
    expect(createBody(state, dialect)).toEqual({
      name: 'Web shop',
      dialect: 'shop',
      baseUrl: 'https://shop.example.com',
      locationIds: null,
      rules: { bufferUnits: 0, bufferPercent: 0, maxShown: null, zeroAt: null },
      identifier: { kind: 'sku' },
      settings: { mode: 'fast' },
      credentials: { clientId: 'id', clientSecret: 's3cret' },
    });
  });

  it('names items by a connection’s ids only with that connection', () => {
    const state = { ...newChannelForm(dialect), identifierKind: 'external' as const, identifierConnectionId: 'k1' };
    expect(createBody(state, dialect).identifier).toEqual({ kind: 'external', connectionId: 'k1' });
  });

  it('edits nothing when nothing changed, whatever order the locations are in', () => {
    const state = channelForm(channel, dialect);
    expect(state.settings).toMatchObject({ mode: 'fast', stores: '1, 2' });
    expect(updateBody({ ...state, locationIds: ['l1', 'l2'] }, channel, dialect)).toEqual({});
  });

  it('sends only what changed, and credentials only when they are replaced, whole', () => {
    const state = channelForm(channel, dialect);
    expect(updateBody({ ...state, zeroAt: '', locations: 'all' }, channel, dialect)).toEqual({
      locationIds: null,
      rules: { bufferUnits: 2, bufferPercent: 0, maxShown: null, zeroAt: null },
    });
    expect(updateBody({ ...state, credentials: { clientId: 'new', clientSecret: '' } }, channel, dialect)).toEqual({});
    expect(updateBody({ ...state, replaceCredentials: true, credentials: { clientId: 'new', clientSecret: '' } }, channel, dialect)).toEqual({
      credentials: { clientId: 'new' },
    });
    expect(updateBody({ ...state, settings: { ...state.settings, stores: '' } }, channel, dialect)).toEqual({ settings: { mode: 'fast' } });
  });
});

describe('problems by field', () => {
  const problems = [
    { field: 'rules.zeroAt', message: 'rules.zeroAt must be at least 0' },
    { field: 'locationIds[1]', message: 'no location x' },
    { field: 'credentials.secret', message: 'secret is required' },
    { field: 'settings.colour', message: 'unknown option colour' },
  ];

  it('finds a field’s problems, and those of its parts', () => {
    expect(problemAt(problems, 'rules.zeroAt')).toBe('rules.zeroAt must be at least 0');
    expect(problemAt(problems, 'locationIds')).toBe('no location x');
    expect(problemAt(problems, 'credentials.secret')).toBe('secret is required');
    expect(problemAt(problems, 'credentials.sec')).toBeUndefined();
    expect(problemAt(problems, 'name')).toBeUndefined();
  });

  it('leaves the problems of fields the form does not show for the form’s message', () => {
    expect(unplacedProblems(problems, ['rules.zeroAt', 'locationIds', 'credentials.secret', 'settings.path']).map((p) => p.field)).toEqual(['settings.colour']);
  });
});

describe('figures', () => {
  it('shows ∞ only for an unlimited item without a figure', () => {
    expect(shownQuantity({ quantity: null, unlimited: true })).toBe('∞');
    expect(shownQuantity({ quantity: 40, unlimited: true })).toBe('40');
    expect(shownQuantity({ quantity: 0, unlimited: false })).toBe('0');
    expect(shownQuantity({ quantity: null, unlimited: false })).toBe('—');
  });

  it('reads what was sent and the lag', () => {
    expect([sentFigure(null), sentFigure('unlimited'), sentFigure(0), sentFigure(7)]).toEqual(['—', '∞', '0', '7']);
    expect([lagText(null), lagText(4.4), lagText(125), lagText(7322)]).toEqual(['none', '4 s', '2 min', '2 h 2 min']);
  });
});
