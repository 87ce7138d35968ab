import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiProblem, api, messageOf, unwrap, type Schemas } from '../api/client';
import { fieldTexts, fieldValues, problemAt, schemaFields } from './channel-form.model';
import { SchemaFields } from './schema-fields';

interface Props {
  readonly connection: Schemas['ConnectionDto'];
  readonly dialect: Schemas['DialectDto'] | undefined;
  readonly onClose: () => void;
}

const POLICIES = [
  { value: 'create', label: 'create the item' },
  { value: 'reject', label: 'reject the line' },
];

/**
 * A connection's settings: what Tally does with its unknown items and place-less lines, its
 * priority among sources, whether it may give items new identifiers, and its dialect's own
 * options, drawn from the schema the dialect describes (the console knows no dialect itself).
 */
export function ConnectionSettingsEditor({ connection, dialect, onClose }: Props) {
  const queryClient = useQueryClient();
  const settings = connection.settings;
  const fields = schemaFields(dialect?.settings, false);
  const [policy, setPolicy] = useState<string>(settings.unknownItemPolicy);
  const [defaultLocation, setDefaultLocation] = useState(settings.defaultLocationCode ?? '');
  const [priority, setPriority] = useState<number | string>(settings.priority);
  const [attach, setAttach] = useState(settings.attachIdentifiers !== false);
  const [options, setOptions] = useState(fieldTexts(fields, settings.options));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/connections/{connectionId}', {
          params: { path: { connectionId: connection.id } },
          body: {
            unknownItemPolicy: policy as 'create' | 'reject',
            defaultLocationCode: defaultLocation.trim() === '' ? null : defaultLocation.trim(),
            priority: Number(priority),
            attachIdentifiers: attach,
            options: fieldValues(fields, options),
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['connections'] });
      onClose();
    },
  });
  const problems = save.error instanceof ApiProblem ? (save.error.problem.errors ?? []) : [];
  const problem = (field: string) => problemAt(problems, field);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={`Settings of ${connection.name} (${connection.dialect})`} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <Select
            label="Unknown items"
            description="What a line naming an item Tally does not know does"
            data={POLICIES}
            value={policy}
            onChange={(value) => value && setPolicy(value)}
            allowDeselect={false}
            error={problem('unknownItemPolicy')}
          />
          <TextInput
            label="Default location code"
            description="Where a report that names no location goes (empty: such lines are rejected)"
            value={defaultLocation}
            onChange={(e) => setDefaultLocation(e.currentTarget.value)}
            error={problem('defaultLocationCode')}
          />
          <NumberInput
            label="Priority"
            description="Higher wins at places whose policy is priority (-1000 to 1000)"
            allowDecimal={false}
            clampBehavior="none"
            value={priority}
            onChange={setPriority}
            error={problem('priority')}
          />
          <Checkbox
            label="May give items identifiers they do not hold yet"
            description="A line naming a known SKU and a new barcode attaches the barcode"
            checked={attach}
            onChange={(e) => setAttach(e.currentTarget.checked)}
          />
          <Title order={3} size="h5">
            {connection.dialect} options
          </Title>
          <SchemaFields fields={fields} texts={options} onChange={setOptions} problem={(name) => problem(`options.${name}`)} />
          {save.isError && (
            <Alert color="red" data-testid="settings-error">
              {messageOf(save.error)}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            Changes apply to the connection&apos;s next request.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
