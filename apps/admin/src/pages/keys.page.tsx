import { Alert, Badge, Button, Card, Code, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useContext, useState, type FormEvent } from 'react';
import { api, messageOf, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/data-table';
import { when } from '../components/labels';
import { Empty, Failed, Loading } from '../components/states';
import { SessionContext, useCanWrite } from '../session';

const ROLES = [
  { value: 'admin', label: 'admin: reads and writes' },
  { value: 'read_only', label: 'read-only: reads only' },
];

/**
 * The tenant's API keys, by name: the name is what the ledger shows as the actor of a key's
 * changes. A new key's secret is shown once; a key is revoked at once (never the one signed in).
 */
export function KeysPage() {
  const canWrite = useCanWrite();
  const session = useContext(SessionContext);
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<Schemas['CreatedApiKeyDto'] | null>(null);
  const keys = useQuery({ queryKey: ['api-keys'], enabled: canWrite, queryFn: () => unwrap(api.GET('/api/v1/api-keys')) });
  const revoke = useMutation({
    mutationFn: (keyId: string) => unwrap(api.DELETE('/api/v1/api-keys/{keyId}', { params: { path: { keyId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  return (
    <Stack>
      <Title order={1} size="h2">
        API keys
      </Title>
      {!canWrite ? (
        <Alert color="gray">A read-only key cannot see or manage the API keys: sign in with an admin key.</Alert>
      ) : (
        <>
          <CreateKey
            onCreated={async (answer) => {
              setCreated(answer);
              await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
            }}
          />
          {created && <CreatedKey created={created} onDismiss={() => setCreated(null)} />}
          {revoke.isError && <Alert color="red">{messageOf(revoke.error)}</Alert>}
          {keys.isPending ? (
            <Loading what="API keys" />
          ) : keys.isError ? (
            <Failed error={keys.error} />
          ) : keys.data.items.length === 0 ? (
            <Empty>No API key.</Empty>
          ) : (
            <DataTable data-testid="keys-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Key id</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((key) => (
                  <Table.Tr key={key.id} data-key={key.name}>
                    <Table.Td>
                      {key.name}
                      {key.id === session?.keyId && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          (signed in)
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{key.role.replace('_', '-')}</Table.Td>
                    <Table.Td>
                      <Code>{key.prefix}</Code>
                    </Table.Td>
                    <Table.Td>{when(key.createdAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={key.revokedAt ? 'gray' : 'green'}>{key.revokedAt ? `revoked ${when(key.revokedAt)}` : 'active'}</Badge>
                    </Table.Td>
                    <Table.Td>
                      {!key.revokedAt && key.id !== session?.keyId && (
                        <Button
                          size="xs"
                          color="red"
                          variant="light"
                          onClick={() => window.confirm(`Revoke the key “${key.name}”? It stops working at once.`) && revoke.mutate(key.id)}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </DataTable>
          )}
        </>
      )}
    </Stack>
  );
}

function CreateKey({ onCreated }: { onCreated: (created: Schemas['CreatedApiKeyDto']) => Promise<void> }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>('read_only');
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/api-keys', { body: { name: name.trim(), role: (role ?? 'read_only') as 'admin' | 'read_only' } })),
    onSuccess: async (answer) => {
      setName('');
      await onCreated(answer);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Card withBorder component="form" onSubmit={submit}>
      <Group align="end">
        <TextInput
          label="Name"
          name="name"
          description="Who or what uses it: shown in the ledger"
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          w={280}
        />
        <Select label="Role" name="role" data={ROLES} value={role} onChange={setRole} allowDeselect={false} w={240} />
        <Button type="submit" disabled={name.trim() === ''} loading={create.isPending}>
          Create key
        </Button>
      </Group>
      {create.isError && (
        <Alert color="red" mt="sm">
          {messageOf(create.error)}
        </Alert>
      )}
    </Card>
  );
}

function CreatedKey({ created, onDismiss }: { created: Schemas['CreatedApiKeyDto']; onDismiss: () => void }) {
  return (
    <Alert color="blue" title={`Key “${created.key.name}” created`} withCloseButton closeButtonLabel="Dismiss" onClose={onDismiss} data-testid="created-key">
      <Text size="sm">Copy the secret now: it is shown this once, and Tally keeps only its hash.</Text>
      <Code block mt="xs" data-testid="key-secret">
        {created.secret}
      </Code>
    </Alert>
  );
}
