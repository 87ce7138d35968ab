import { Alert, Badge, Button, Card, Group, NumberInput, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf, unwrap, type Schemas } from '../api/client';
import { chosenQuantityText, when } from './labels';
import { connectionName, useConnections, useLocations } from './lookups';
import { useCanWrite } from '../session';
import { DataTable } from './data-table';
import { RouteLink } from './route-link';

/** One discrepancy: each source's claim, and (while open) the two ways to resolve it. */
export function DiscrepancyCard({ discrepancy }: { discrepancy: Schemas['DiscrepancyDto'] }) {
  const canWrite = useCanWrite();
  const connections = useConnections();
  const locations = useLocations();
  const queryClient = useQueryClient();
  const [quantity, setQuantity] = useState<number | string>('');
  const item = useQuery({
    queryKey: ['item', discrepancy.itemId],
    queryFn: () => unwrap(api.GET('/api/v1/items/{itemId}', { params: { path: { itemId: discrepancy.itemId } } })),
  });
  const resolve = useMutation({
    mutationFn: (body: Schemas['ResolveDiscrepancyDto']) =>
      unwrap(api.POST('/api/v1/discrepancies/{discrepancyId}/resolve', { params: { path: { discrepancyId: discrepancy.id } }, body })),
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const open = discrepancy.status === 'open';
  const label = item.data ? (item.data.item.sku ?? item.data.item.gtin ?? discrepancy.itemId.slice(0, 8)) : discrepancy.itemId.slice(0, 8);
  return (
    <Card withBorder data-testid="discrepancy" data-item={label}>
      <Group justify="space-between" mb="xs">
        <Group>
          <RouteLink fw={600} to={`/items/${discrepancy.itemId}`}>
            {label}
          </RouteLink>
          <Text c="dimmed">at {locations.data?.get(discrepancy.locationId)?.code ?? discrepancy.locationId.slice(0, 8)}</Text>
        </Group>
        <Group>
          <Text size="sm" c="dimmed">
            opened {when(discrepancy.openedAt)}
          </Text>
          <Badge color={open ? 'orange' : 'green'}>{discrepancy.status}</Badge>
        </Group>
      </Group>
      <DataTable>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Source</Table.Th>
            <Table.Th>Quantity</Table.Th>
            <Table.Th>Source timestamp</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {discrepancy.claims.map((claim) => (
            <Table.Tr key={claim.connectionId}>
              <Table.Td>{connectionName(connections.data, claim.connectionId)}</Table.Td>
              <Table.Td>{claim.quantity ?? '—'}</Table.Td>
              <Table.Td>{when(claim.sourceTimestamp)}</Table.Td>
              <Table.Td>
                {open && (
                  <Button size="xs" variant="light" disabled={!canWrite} onClick={() => resolve.mutate({ connectionId: claim.connectionId })}>
                    Use this source
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
      {open ? (
        <Group mt="sm" align="end">
          <NumberInput label="Or enter the counted quantity" name="quantity" min={0} allowDecimal={false} value={quantity} onChange={setQuantity} w={220} />
          <Button disabled={!canWrite || quantity === ''} onClick={() => resolve.mutate({ quantity: Number(quantity) })}>
            Set this value
          </Button>
        </Group>
      ) : (
        <Text size="sm" mt="sm" data-testid="resolution">
          Resolved {when(discrepancy.resolvedAt)}: {resolutionText(discrepancy.resolution, (id) => connectionName(connections.data, id))}
        </Text>
      )}
      {resolve.isError && (
        <Alert color="red" mt="sm">
          {messageOf(resolve.error)}
        </Alert>
      )}
    </Card>
  );
}

function resolutionText(resolution: unknown, nameOf: (id: string) => string): string {
  const r = (resolution ?? {}) as Partial<Schemas['DiscrepancyResolutionDto']>;
  if (r.kind === 'chose_source' && r.connectionId) return `chose ${nameOf(r.connectionId)}${chosenQuantityText(r.quantity)}`;
  if (r.kind === 'entered_value') return `entered ${r.quantity}`;
  if (r.kind === 'agreed') return 'the sources agreed again';
  if (r.kind === 'merged') return 'the item was merged into another one';
  return 'resolved';
}
