import { Alert, Badge, Button, Card, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf, unwrap, type Schemas } from '../api/client';
import { when } from '../components/labels';
import { useDialects } from '../components/lookups';
import { Empty, Failed, Loading } from '../components/states';
import { useCanWrite } from '../session';
import { ConnectionSettingsEditor } from '../components/connection-settings';
import { DataTable } from '../components/data-table';
import { ConnectGuide, LastError, LastSeen } from '../components/connection-activity';

type Dialect = Schemas['DialectDto'];

/** The paths a client of a dialect calls, as the server describes them. */
function pathsOf(dialects: readonly Dialect[] | undefined, name: string): string[] {
  return [...new Set(dialects?.find((d) => d.name === name)?.routes.map((r) => r.path) ?? [])];
}

/** Connections: create one for any dialect, see its endpoints and (once) its credentials, rotate and revoke. */
export function ConnectionsPage() {
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<Schemas['ConnectionWithCredentialsDto'] | null>(null);
  const [editing, setEditing] = useState<Schemas['ConnectionDto'] | null>(null);
  const [guiding, setGuiding] = useState<Schemas['ConnectionDto'] | null>(null);
  const dialects = useDialects();
  const list = useQuery({ queryKey: ['connections'], queryFn: () => unwrap(api.GET('/api/v1/connections')) });
  const activity = useQuery({
    queryKey: ['stats', 'connections'],
    queryFn: () => unwrap(api.GET('/api/v1/stats/connections')),
    select: (answer) => new Map(answer.connections.map((c) => [c.connectionId, c])),
    refetchInterval: 30_000,
  });
  const done = async (answer: Schemas['ConnectionWithCredentialsDto'] | Schemas['ConnectionDto']) => {
    setShown('credentials' in answer ? answer : null);
    await queryClient.invalidateQueries({ queryKey: ['connections'] });
  };
  const rotate = useMutation({
    mutationFn: (connectionId: string) => unwrap(api.POST('/api/v1/connections/{connectionId}/rotate', { params: { path: { connectionId } } })),
    onSuccess: done,
  });
  const revoke = useMutation({
    mutationFn: (connectionId: string) => unwrap(api.POST('/api/v1/connections/{connectionId}/revoke', { params: { path: { connectionId } } })),
    onSuccess: done,
  });
  const failure = rotate.error ?? revoke.error;
  return (
    <Stack>
      <Title order={1} size="h2">
        Connections
      </Title>
      {canWrite && <CreateConnection dialects={dialects.data ?? []} onCreated={done} />}
      {shown && <Credentials created={shown} onDismiss={() => setShown(null)} />}
      {failure && <Alert color="red">{messageOf(failure)}</Alert>}
      {editing && (
        <ConnectionSettingsEditor connection={editing} dialect={dialects.data?.find((d) => d.name === editing.dialect)} onClose={() => setEditing(null)} />
      )}
      {guiding && <ConnectGuide connection={guiding} dialect={dialects.data?.find((d) => d.name === guiding.dialect)} onClose={() => setGuiding(null)} />}
      {list.isPending ? (
        <Loading what="connections" />
      ) : list.isError ? (
        <Failed error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Empty>No connection yet: create one for each vendor system that sends stock.</Empty>
      ) : (
        <DataTable data-testid="connections-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Dialect</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Credential id</Table.Th>
              <Table.Th>Endpoints</Table.Th>
              <Table.Th>Last change</Table.Th>
              <Table.Th>Changes 24 h / 30 d</Table.Th>
              <Table.Th>Last seen</Table.Th>
              <Table.Th>Last error</Table.Th>
              <Table.Th>Errors 24 h</Table.Th>
              <Table.Th>Created / rotated</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((c) => (
              <Table.Tr key={c.id} data-connection={c.name}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{c.dialect}</Table.Td>
                <Table.Td>
                  <Badge color={c.status === 'active' ? 'green' : 'gray'}>{c.status}</Badge>
                </Table.Td>
                <Table.Td>
                  <Code>{c.credentialId}</Code>
                </Table.Td>
                <Table.Td>
                  {pathsOf(dialects.data, c.dialect).map((path) => (
                    <Text key={path} size="xs" ff="monospace">
                      {path}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td data-testid="last-change">{when(activity.data?.get(c.id)?.lastEntryAt)}</Table.Td>
                <Table.Td data-testid="volume">
                  {activity.data?.get(c.id)?.entriesLastDay ?? '—'} / {activity.data?.get(c.id)?.entriesInWindow ?? '—'}
                </Table.Td>
                <Table.Td data-testid="last-seen">
                  <LastSeen activity={activity.data?.get(c.id)} />
                </Table.Td>
                <Table.Td>
                  <LastError activity={activity.data?.get(c.id)} name={c.name} />
                </Table.Td>
                <Table.Td data-testid="errors">{activity.data?.get(c.id)?.errorsLastDay ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs">{when(c.createdAt)}</Text>
                  <Text size="xs" c="dimmed">
                    {c.rotatedAt ? `rotated ${when(c.rotatedAt)}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => setGuiding(c)} aria-label={`How to connect ${c.name}`}>
                      How to connect
                    </Button>
                    <Button size="xs" variant="light" disabled={!canWrite || c.status !== 'active'} onClick={() => setEditing(c)}>
                      Settings
                    </Button>
                    <Button size="xs" variant="light" disabled={!canWrite || c.status !== 'active'} onClick={() => rotate.mutate(c.id)}>
                      Rotate
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      disabled={!canWrite || c.status !== 'active'}
                      onClick={() => window.confirm(`Revoke ${c.name}? Its credentials stop working at once.`) && revoke.mutate(c.id)}
                    >
                      Revoke
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </Stack>
  );
}

function CreateConnection({
  dialects,
  onCreated,
}: {
  dialects: readonly Dialect[];
  onCreated: (created: Schemas['ConnectionWithCredentialsDto']) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [dialect, setDialect] = useState('canonical');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/connections', { body: { name: name.trim(), dialect } })),
    onSuccess: async (created) => {
      setName('');
      await onCreated(created);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Card withBorder>
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput label="Name" name="name" value={name} onChange={(e) => setName(e.currentTarget.value)} required w={260} />
          <Select
            label="Dialect"
            name="dialect"
            data={dialects.map((d) => ({ value: d.name, label: d.name }))}
            value={dialect}
            onChange={(v) => v && setDialect(v)}
            allowDeselect={false}
            w={180}
          />
          <Button type="submit" loading={create.isPending}>
            Create connection
          </Button>
        </Group>
        {create.isError && (
          <Alert color="red" mt="sm">
            {messageOf(create.error)}
          </Alert>
        )}
      </form>
    </Card>
  );
}

function Credentials({ created, onDismiss }: { created: Schemas['ConnectionWithCredentialsDto']; onDismiss: () => void }) {
  const connectionId = created.connection.id;
  const guide = useQuery({
    queryKey: ['connect-guide', connectionId],
    queryFn: () => unwrap(api.GET('/api/v1/connections/{connectionId}/connect-guide', { params: { path: { connectionId } } })),
  });
  return (
    <Alert color="yellow" title={`Credentials of ${created.connection.name}: shown this once`} withCloseButton onClose={onDismiss} data-testid="credentials">
      <Stack gap={4}>
        <Text size="sm">
          Credential id: <Code data-testid="credential-id">{created.credentials.credentialId}</Code>
        </Text>
        <Text size="sm">
          Secret: <Code data-testid="secret">{created.credentials.secret}</Code>
        </Text>
        <Text size="sm">
          Token: <Code data-testid="token">{created.credentials.token}</Code>
        </Text>
        <Text size="sm">How to connect:</Text>
        {guide.data?.steps.map((step) => (
          <Text key={step} size="sm">
            {step}
          </Text>
        ))}
        {guide.data?.endpoints.map((endpoint) => (
          <Text key={endpoint.url} size="sm" data-testid="connect-endpoint">
            {endpoint.label}: <Code>{endpoint.url}</Code>
          </Text>
        ))}
        <Text size="xs" c="dimmed">
          Tally keeps only a hash of the secret: copy it now.
        </Text>
      </Stack>
    </Alert>
  );
}
