import type { components } from '../api/schema';

// The generated types, not the client: this file runs in node specs too, where there is no window.
type Schemas = components['schemas'];

type Channel = Schemas['ChannelDto'];
type Problem = Schemas['ProblemFieldDto'];

/** How a channel names items. */
export const IDENTIFIER_KINDS = ['sku', 'gtin', 'partNumber', 'external'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** One field of a dialect's settings or credentials, read from its JSON Schema. */
export interface SchemaField {
  readonly name: string;
  readonly label: string;
  readonly description: string | null;
  readonly kind: 'text' | 'secret' | 'number' | 'integer' | 'boolean' | 'list' | 'choice';
  readonly required: boolean;
  readonly choices: readonly string[];
  /** For `list`: the elements are whole numbers. */
  readonly integers: boolean;
  /** The dialect's value when the field is left empty, as text; null when it has none. */
  readonly fallback: string | null;
  readonly minimum?: number;
  readonly maximum?: number;
}

/**
 * The fields of a dialect's settings or credentials schema, in the schema's order. Credentials
 * are secrets whatever their type: they are typed into password inputs and never shown back.
 */
export function schemaFields(schema: Readonly<Record<string, unknown>> | undefined, secret: boolean): SchemaField[] {
  const properties = (schema?.['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set(Array.isArray(schema?.['required']) ? (schema['required'] as string[]) : []);
  return Object.entries(properties).map(([name, property]) => {
    const types = Array.isArray(property['type']) ? (property['type'] as string[]) : [String(property['type'] ?? 'string')];
    const type = types.find((t) => t !== 'null') ?? 'string';
    const choices = Array.isArray(property['enum']) ? (property['enum'] as unknown[]).filter((c) => c !== null).map(String) : [];
    const items = (property['items'] ?? {}) as Record<string, unknown>;
    return {
      name,
      label: typeof property['title'] === 'string' ? property['title'] : name,
      description: typeof property['description'] === 'string' ? property['description'] : null,
      kind: secret ? 'secret' : choices.length > 0 ? 'choice' : kindOf(type),
      required: required.has(name),
      choices,
      integers: items['type'] === 'integer',
      fallback: property['default'] === undefined || property['default'] === null ? null : String(property['default']),
      ...(typeof property['minimum'] === 'number' ? { minimum: property['minimum'] } : {}),
      ...(typeof property['maximum'] === 'number' ? { maximum: property['maximum'] } : {}),
    };
  });
}

function kindOf(type: string): SchemaField['kind'] {
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  return type === 'array' ? 'list' : 'text';
}

/** The inputs' texts of some fields from stored values (none for secrets: they are never answered). */
export function fieldTexts(fields: readonly SchemaField[], values: Readonly<Record<string, unknown>> = {}): Record<string, string> {
  return Object.fromEntries(
    fields.map((f) => {
      const value = f.kind === 'secret' ? undefined : values[f.name];
      return [f.name, value === undefined || value === null ? '' : Array.isArray(value) ? value.join(', ') : String(value)];
    }),
  );
}

/**
 * The values of some fields from the inputs' texts: an empty input is left out (the dialect's
 * default). A number that does not read as one is sent as typed, so the API names the field.
 */
export function fieldValues(fields: readonly SchemaField[], texts: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const text = texts[field.name] ?? '';
    if (field.kind === 'secret') {
      if (text !== '') out[field.name] = text; // a secret is taken exactly as typed
      continue;
    }
    if (text.trim() === '') continue;
    if (field.kind === 'boolean') out[field.name] = text === 'true';
    else if (field.kind === 'integer' || field.kind === 'number') out[field.name] = numberOrText(text);
    else if (field.kind === 'list') {
      const parts = text
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p !== '');
      out[field.name] = field.integers ? parts.map(numberOrText) : parts;
    } else out[field.name] = text.trim();
  }
  return out;
}

function numberOrText(text: string): number | string {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

/** What the create and edit forms hold; numbers as the inputs' texts. */
export interface ChannelFormState {
  readonly name: string;
  readonly dialect: string;
  readonly baseUrl: string;
  readonly locations: 'all' | 'chosen';
  readonly locationIds: readonly string[];
  readonly bufferUnits: string;
  readonly bufferPercent: string;
  readonly maxShown: string;
  readonly zeroAt: string;
  readonly identifierKind: IdentifierKind;
  readonly identifierConnectionId: string | null;
  readonly settings: Readonly<Record<string, string>>;
  readonly credentials: Readonly<Record<string, string>>;
  /** Edit only: the credentials typed replace the stored ones whole. */
  readonly replaceCredentials: boolean;
}

/** A blank form for a new channel of a dialect. */
export function newChannelForm(dialect: Schemas['ChannelDialectDto'] | undefined): ChannelFormState {
  return {
    name: '',
    dialect: dialect?.dialect ?? '',
    baseUrl: '',
    locations: 'all',
    locationIds: [],
    bufferUnits: '0',
    bufferPercent: '0',
    maxShown: '',
    zeroAt: '',
    identifierKind: 'sku',
    identifierConnectionId: null,
    settings: fieldTexts(schemaFields(dialect?.settingsSchema, false)),
    credentials: fieldTexts(schemaFields(dialect?.credentialsSchema, true)),
    replaceCredentials: true,
  };
}

/** The edit form of a channel: everything but its credentials, which are never answered. */
export function channelForm(channel: Channel, dialect: Schemas['ChannelDialectDto'] | undefined): ChannelFormState {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    name: channel.name,
    dialect: channel.dialect,
    baseUrl: channel.baseUrl,
    locations: channel.locationIds === null ? 'all' : 'chosen',
    locationIds: channel.locationIds ?? [],
    bufferUnits: text(channel.rules.bufferUnits),
    bufferPercent: text(channel.rules.bufferPercent),
    maxShown: text(channel.rules.maxShown),
    zeroAt: text(channel.rules.zeroAt),
    identifierKind: channel.identifier.kind,
    identifierConnectionId: channel.identifier.connectionId ?? null,
    settings: fieldTexts(schemaFields(dialect?.settingsSchema, false), channel.settings),
    credentials: fieldTexts(schemaFields(dialect?.credentialsSchema, true)),
    replaceCredentials: false,
  };
}

const count = (text: string): number | null => (text.trim() === '' ? null : Number(text));

function rulesOf(state: ChannelFormState): Schemas['ChannelRulesDto'] {
  return {
    bufferUnits: count(state.bufferUnits) ?? 0,
    bufferPercent: count(state.bufferPercent) ?? 0,
    maxShown: count(state.maxShown),
    zeroAt: count(state.zeroAt),
  };
}

function identifierOf(state: ChannelFormState): Schemas['ChannelIdentifierDto'] {
  return state.identifierKind === 'external' ? { kind: 'external', connectionId: state.identifierConnectionId } : { kind: state.identifierKind };
}

/** The body of POST /api/v1/channels. */
export function createBody(state: ChannelFormState, dialect: Schemas['ChannelDialectDto'] | undefined): Schemas['CreateChannelDto'] {
  return {
    name: state.name.trim(),
    dialect: state.dialect,
    baseUrl: state.baseUrl.trim(),
    locationIds: state.locations === 'all' ? null : [...state.locationIds],
    rules: rulesOf(state),
    identifier: identifierOf(state),
    settings: fieldValues(schemaFields(dialect?.settingsSchema, false), state.settings),
    credentials: fieldValues(schemaFields(dialect?.credentialsSchema, true), state.credentials),
  };
}

/**
 * The body of PATCH /api/v1/channels/{id}: only what changed, since a change of the base URL,
 * locations, rules, identifier or settings sends every item again.
 */
export function updateBody(state: ChannelFormState, channel: Channel, dialect: Schemas['ChannelDialectDto'] | undefined): Schemas['UpdateChannelDto'] {
  const body: Schemas['UpdateChannelDto'] = {};
  if (state.name.trim() !== channel.name) body.name = state.name.trim();
  if (state.baseUrl.trim() !== channel.baseUrl) body.baseUrl = state.baseUrl.trim();
  const locationIds = state.locations === 'all' ? null : [...state.locationIds];
  if (!sameSet(locationIds, channel.locationIds)) body.locationIds = locationIds;
  const rules = rulesOf(state);
  if (!sameJson(rules, channel.rules)) body.rules = rules;
  const identifier = identifierOf(state);
  if (identifier.kind !== channel.identifier.kind || (identifier.connectionId ?? null) !== (channel.identifier.connectionId ?? null))
    body.identifier = identifier;
  const settings = fieldValues(schemaFields(dialect?.settingsSchema, false), state.settings);
  if (!sameJson(settings, channel.settings)) body.settings = settings;
  if (state.replaceCredentials) body.credentials = fieldValues(schemaFields(dialect?.credentialsSchema, true), state.credentials);
  return body;
}

function sameSet(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function sameJson(a: object, b: object): boolean {
  const sorted = (o: object) => JSON.stringify(Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y))));
  return sorted(a) === sorted(b);
}

/** The problems of a form field (`rules` holds `rules.zeroAt`; `locationIds` holds `locationIds[2]`), or undefined. */
export function problemAt(problems: readonly Problem[], field: string): string | undefined {
  const found = problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`) || p.field.startsWith(`${field}[`));
  return found.length > 0 ? found.map((p) => p.message).join('; ') : undefined;
}

/** The problems that name none of the fields a form shows (they go with the form's message). */
export function unplacedProblems(problems: readonly Problem[], shown: readonly string[]): Problem[] {
  return problems.filter((p) => !shown.some((field) => problemAt([p], field) !== undefined));
}

/** The figure a channel is shown: ∞ only for an unlimited item with no maximum to show. */
export function shownQuantity(availability: Pick<Schemas['ChannelAvailabilityDto'], 'quantity' | 'unlimited'>): string {
  if (availability.quantity !== null) return String(availability.quantity);
  return availability.unlimited ? '∞' : '—';
}

/** What the channel last accepted. */
export function sentFigure(sent: number | 'unlimited' | null | undefined): string {
  return sent === null || sent === undefined ? '—' : sent === 'unlimited' ? '∞' : String(sent);
}

/** A lag in seconds, as a person reads it. */
export function lagText(seconds: number | null): string {
  if (seconds === null) return 'none';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}
