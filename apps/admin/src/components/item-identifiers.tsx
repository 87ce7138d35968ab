import { Alert, Badge, Button, Card, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf, unwrap, type Schemas } from '../api/client';
import { DataTable } from './data-table';
import { itemLookupQuery } from './item-lookup';
import { connectionName, useConnections } from './lookups';

const KINDS = [
  { value: 'sku', label: 'SKU' },
  { value: 'gtin', label: 'GTIN (any form)' },
  { value: 'partNumber', label: 'Part number' },
  { value: 'external', label: 'Vendor id (of a connection)' },
] as const;
type Kind = (typeof KINDS)[number]['value'];
const LABELS: Readonly<Record<string, string>> = { sku: 'SKU', gtin: 'GTIN', partNumber: 'Part number', external: 'Vendor id' };

interface Props {
  readonly item: Schemas['ItemDto'];
  readonly canWrite: boolean;
}

/**
 * Every identifier an item holds (ADR 0029), taken away one by one or given more; and the merge of
 * another item into this one, named by any of its identifiers: what an identity discrepancy asks
 * an operator to decide.
 */
export function ItemIdentifiers({ item, canWrite }: Props) {
  const queryClient = useQueryClient();
  const connections = useConnections();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['item', item.id] });
  const remove = useMutation({
    mutationFn: (identifier: Schemas['HeldIdentifierDto']) =>
      unwrap(
        api.DELETE('/api/v1/items/{itemId}/identifiers', {
          params: {
            path: { itemId: item.id },
            query: { kind: identifier.kind as Kind, value: identifier.value, ...(identifier.connectionId ? { connectionId: identifier.connectionId } : {}) },
          },
        }),
      ),
    onSuccess: refresh,
  });
  return (
    <Card withBorder data-testid="identifiers">
      <Title order={2} size="h4" mb="sm">
        Identifiers
      </Title>
      <DataTable minWidth={480}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>Connection</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(item.identifiers ?? []).map((identifier) => (
            <Table.Tr key={`${identifier.kind}|${identifier.connectionId ?? ''}|${identifier.value}`} data-identifier={identifier.value}>
              <Table.Td>
                <Badge variant="light" color="gray">
                  {LABELS[identifier.kind] ?? identifier.kind}
                </Badge>
              </Table.Td>
              <Table.Td>{identifier.value}</Table.Td>
              <Table.Td>{identifier.connectionId ? connectionName(connections.data, identifier.connectionId) : '—'}</Table.Td>
              <Table.Td>
                {canWrite && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => window.confirm(`Take ${LABELS[identifier.kind]} ${identifier.value} from this item?`) && remove.mutate(identifier)}
                  >
                    Remove
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      {remove.isError && (
        <Alert color="red" mt="sm">
          {messageOf(remove.error)}
        </Alert>
      )}
      {canWrite && <AddIdentifier itemId={item.id} connections={[...(connections.data?.values() ?? [])]} onDone={refresh} />}
      {canWrite && <MergeItem itemId={item.id} onDone={refresh} />}
    </Card>
  );
}

function AddIdentifier({ itemId, connections, onDone }: { itemId: string; connections: Schemas['ConnectionDto'][]; onDone: () => Promise<void> }) {
  const [kind, setKind] = useState<Kind>('sku');
  const [value, setValue] = useState('');
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/items/{itemId}/identifiers', {
          params: { path: { itemId } },
          body: { identifiers: [{ kind, value: value.trim(), ...(kind === 'external' ? { connectionId } : {}) }] },
        }),
      ),
    onSuccess: async () => {
      setValue('');
      await onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Group align="end" mt="md">
        <Select label="New identifier" data={[...KINDS]} value={kind} onChange={(v) => v && setKind(v as Kind)} allowDeselect={false} w={220} />
        {kind === 'external' && (
          <Select
            label="Of connection"
            data={connections.map((c) => ({ value: c.id, label: c.name }))}
            value={connectionId}
            onChange={setConnectionId}
            w={200}
          />
        )}
        <TextInput label="Value" name="identifier" value={value} onChange={(e) => setValue(e.currentTarget.value)} w={220} />
        <Button type="submit" variant="light" disabled={value.trim() === ''} loading={add.isPending}>
          Add identifier
        </Button>
      </Group>
      {add.isError && (
        <Alert color="red" mt="sm" data-testid="identifier-error">
          {messageOf(add.error)}
        </Alert>
      )}
    </form>
  );
}

function MergeItem({ itemId, onDone }: { itemId: string; onDone: () => Promise<void> }) {
  const [other, setOther] = useState('');
  const merge = useMutation({
    mutationFn: async () => {
      const text = other.trim();
      const absorbed = await unwrap(
        api.GET('/api/v1/items/lookup', {
          params: { query: itemLookupQuery(text) },
        }),
      );
      return unwrap(api.POST('/api/v1/items/{itemId}/merge', { params: { path: { itemId } }, body: { absorbedItemId: absorbed.id } }));
    },
    onSuccess: async () => {
      setOther('');
      await onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (window.confirm(`Merge the item holding “${other.trim()}” into this one? Its levels, identifiers and discrepancies move here.`)) merge.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Group align="end" mt="md">
        <TextInput
          label="Merge another item into this one"
          description="Its SKU, GTIN or part number"
          name="absorbed"
          value={other}
          onChange={(e) => setOther(e.currentTarget.value)}
          w={320}
        />
        <Button type="submit" variant="light" color="orange" disabled={other.trim() === ''} loading={merge.isPending}>
          Merge into this item
        </Button>
      </Group>
      {merge.isError && (
        <Alert color="red" mt="sm" data-testid="merge-error">
          {messageOf(merge.error)}
        </Alert>
      )}
      {merge.isSuccess && (
        <Alert color="green" mt="sm" data-testid="merge-done">
          Merged: {merge.data.levelsWritten} level(s) written here.
        </Alert>
      )}
    </form>
  );
}
