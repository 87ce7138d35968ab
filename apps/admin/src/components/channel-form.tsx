import { Alert, Button, Checkbox, Fieldset, Group, MultiSelect, NumberInput, Radio, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiProblem, api, unwrap, type Schemas } from '../api/client';
import {
  IDENTIFIER_KINDS,
  channelForm,
  createBody,
  newChannelForm,
  problemAt,
  schemaFields,
  unplacedProblems,
  updateBody,
  type ChannelFormState,
  type IdentifierKind,
} from './channel-form.model';
import { useConnections, useLocations } from './lookups';
import { SchemaFields } from './schema-fields';

type Channel = Schemas['ChannelDto'];
type Dialect = Schemas['ChannelDialectDto'];

/** The fields every channel form shows: a problem naming one of them is shown next to it. */
const FIELDS = ['name', 'dialect', 'baseUrl', 'locationIds', 'rules.bufferUnits', 'rules.bufferPercent', 'rules.maxShown', 'rules.zeroAt', 'identifier.kind'];
const IDENTIFIER_LABELS: Record<IdentifierKind, string> = { sku: 'SKU', gtin: 'GTIN', partNumber: 'Part number', external: 'A connection’s own id' };

interface Props {
  readonly dialects: readonly Dialect[];
  /** The channel to edit; none to create one. */
  readonly channel?: Channel;
  readonly onSaved: (channel: Channel) => void;
  readonly onCancel: () => void;
}

/**
 * Creates or edits a channel. Settings and credentials are the dialect's own, drawn from its
 * schemas; an edit sends only what changed, and credentials only when they are to be replaced.
 */
export function ChannelForm({ dialects, channel, onSaved, onCancel }: Props) {
  const [state, setState] = useState<ChannelFormState>(() =>
    channel
      ? channelForm(
          channel,
          dialects.find((d) => d.dialect === channel.dialect),
        )
      : newChannelForm(dialects[0]),
  );
  const dialect = dialects.find((d) => d.dialect === state.dialect);
  const locations = useLocations();
  const connections = useConnections();
  const save = useMutation({
    mutationFn: () =>
      channel
        ? unwrap(api.PATCH('/api/v1/channels/{channelId}', { params: { path: { channelId: channel.id } }, body: updateBody(state, channel, dialect) }))
        : unwrap(api.POST('/api/v1/channels', { body: createBody(state, dialect) })),
    onSuccess: onSaved,
  });
  const problems = save.error instanceof ApiProblem ? (save.error.problem.errors ?? []) : [];
  const at = (field: string) => problemAt(problems, field);
  const set = (change: Partial<ChannelFormState>) => setState((s) => ({ ...s, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const settingsFields = schemaFields(dialect?.settingsSchema, false);
  const credentialFields = schemaFields(dialect?.credentialsSchema, true);
  const unplaced = unplacedProblems(problems, [
    ...FIELDS,
    ...(state.identifierKind === 'external' ? ['identifier.connectionId'] : []),
    ...settingsFields.map((f) => `settings.${f.name}`),
    ...(state.replaceCredentials ? credentialFields.map((f) => `credentials.${f.name}`) : []),
  ]);
  return (
    <form onSubmit={submit} aria-label={channel ? `Edit ${channel.name}` : 'New channel'} data-testid="channel-form">
      <Stack>
        {save.isError && (
          <Alert color="red" title="The channel was not saved" data-testid="form-error">
            {save.error instanceof ApiProblem ? `${save.error.problem.code ?? save.error.status}: ${save.error.message}` : String(save.error)}
            {unplaced.map((p) => (
              <Text key={p.field} size="sm">
                {p.field}: {p.message}
              </Text>
            ))}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TextInput label="Name" name="name" required value={state.name} onChange={(e) => set({ name: e.currentTarget.value })} error={at('name')} />
          <Select
            label="Dialect"
            name="dialect"
            required
            disabled={channel !== undefined}
            description={channel ? 'A channel keeps its dialect.' : undefined}
            data={dialects.map((d) => ({ value: d.dialect, label: d.title }))}
            value={state.dialect || null}
            allowDeselect={false}
            onChange={(value) => value && setState({ ...newChannelForm(dialects.find((d) => d.dialect === value)), name: state.name, baseUrl: state.baseUrl })}
            error={at('dialect')}
          />
          <TextInput
            label="Base URL"
            name="baseUrl"
            required
            placeholder="https://shop.example.com"
            value={state.baseUrl}
            onChange={(e) => set({ baseUrl: e.currentTarget.value })}
            error={at('baseUrl')}
          />
        </SimpleGrid>

        <Fieldset legend="Locations whose stock the channel sells">
          <Radio.Group
            aria-label="Which locations"
            value={state.locations}
            onChange={(value) => set({ locations: value as 'all' | 'chosen' })}
            error={at('locationIds')}
          >
            <Group>
              <Radio value="all" label="All locations" />
              <Radio value="chosen" label="Chosen locations" />
            </Group>
          </Radio.Group>
          {state.locations === 'chosen' && (
            <MultiSelect
              mt="sm"
              label="Locations to sell from"
              searchable
              data={[...(locations.data?.values() ?? [])].map((l) => ({ value: l.id, label: l.name ? `${l.code} · ${l.name}` : l.code }))}
              value={[...state.locationIds]}
              onChange={(locationIds) => set({ locationIds })}
            />
          )}
        </Fieldset>

        <Fieldset legend="Rules">
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <NumberInput
              label="Buffer units"
              description="Units held back"
              min={0}
              allowDecimal={false}
              value={state.bufferUnits}
              onChange={(v) => set({ bufferUnits: String(v) })}
              error={at('rules.bufferUnits')}
            />
            <NumberInput
              label="Buffer %"
              description="Share held back, rounded up"
              min={0}
              max={100}
              value={state.bufferPercent}
              onChange={(v) => set({ bufferPercent: String(v) })}
              error={at('rules.bufferPercent')}
            />
            <NumberInput
              label="Max shown"
              description="Empty: no maximum"
              min={0}
              allowDecimal={false}
              value={state.maxShown}
              onChange={(v) => set({ maxShown: String(v) })}
              error={at('rules.maxShown')}
            />
            <NumberInput
              label="Zero at"
              description="At or below this, show 0; empty: never"
              min={0}
              allowDecimal={false}
              value={state.zeroAt}
              onChange={(v) => set({ zeroAt: String(v) })}
              error={at('rules.zeroAt')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Identifier the channel names items by">
          <Group align="start">
            <Select
              label="Kind"
              data={IDENTIFIER_KINDS.map((k) => ({ value: k, label: IDENTIFIER_LABELS[k] }))}
              value={state.identifierKind}
              allowDeselect={false}
              onChange={(value) => value && set({ identifierKind: value as IdentifierKind })}
              error={at('identifier.kind')}
              w={240}
            />
            {state.identifierKind === 'external' && (
              <Select
                label="Connection"
                required
                data={[...(connections.data?.values() ?? [])].map((c) => ({ value: c.id, label: c.name }))}
                value={state.identifierConnectionId}
                onChange={(identifierConnectionId) => set({ identifierConnectionId })}
                error={at('identifier.connectionId')}
                w={260}
              />
            )}
          </Group>
        </Fieldset>

        <Fieldset legend="Settings">
          <Stack gap="sm">
            <SchemaFields fields={settingsFields} texts={state.settings} onChange={(settings) => set({ settings })} problem={(n) => at(`settings.${n}`)} />
          </Stack>
        </Fieldset>

        <Fieldset legend="Credentials">
          <Stack gap="sm">
            {channel && (
              <>
                <Text size="sm" data-testid="credential-fields">
                  Set: {channel.credentialFields.length > 0 ? channel.credentialFields.join(', ') : 'none'}. Their values are never shown.
                </Text>
                <Checkbox
                  label="Replace the credentials (all of them: those left empty are removed)"
                  checked={state.replaceCredentials}
                  onChange={(e) => set({ replaceCredentials: e.currentTarget.checked })}
                />
              </>
            )}
            {state.replaceCredentials && (
              <SchemaFields
                fields={credentialFields}
                texts={state.credentials}
                onChange={(credentials) => set({ credentials })}
                problem={(n) => at(`credentials.${n}`)}
              />
            )}
          </Stack>
        </Fieldset>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {channel ? 'Save changes' : 'Create channel'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
