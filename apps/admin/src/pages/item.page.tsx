import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { itemLabel, onHandText, statusColor, when } from '../components/labels';
import { DiscrepancyCard } from '../components/discrepancy-card';
import { ItemIdentifiers } from '../components/item-identifiers';
import { LedgerTable } from '../components/ledger-table';
import { OnHandChart } from '../components/on-hand-chart';
import { ItemLevels } from '../components/item-levels';
import { connectionName, useConnections, useLocations } from '../components/lookups';
import { Empty, Failed, Loading } from '../components/states';
import { useCanWrite } from '../session';
import { DataTable } from '../components/data-table';

/** One item: its levels per location, its open discrepancies, what each connection last said, on hand over time, and its ledger. */
export function ItemPage({ itemId }: { itemId: string }) {
  const detail = useQuery({ queryKey: ['item', itemId], queryFn: () => unwrap(api.GET('/api/v1/items/{itemId}', { params: { path: { itemId } } })) });
  const ledger = useQuery({
    queryKey: ['item', itemId, 'ledger'],
    queryFn: () => unwrap(api.GET('/api/v1/ledger', { params: { query: { itemId, limit: 200 } } })),
  });
  const discrepancies = useQuery({
    queryKey: ['discrepancies', 'open', itemId],
    queryFn: () => unwrap(api.GET('/api/v1/discrepancies', { params: { query: { itemId, status: 'open', limit: 100 } } })),
  });
  const locations = useLocations();
  const connections = useConnections();
  const canWrite = useCanWrite();
  if (detail.isPending) return <Loading what="the item" />;
  if (detail.isError) return <Failed error={detail.error} />;
  const { item, levels, observations, externalIds, availability } = detail.data;
  const code = (locationId: string) => locations.data?.get(locationId)?.code ?? locationId.slice(0, 8);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2" data-testid="item-title">
          {itemLabel(item)}{' '}
          {item.name && (
            <Text span c="dimmed">
              {item.name}
            </Text>
          )}
        </Title>
        <Badge size="lg" color={statusColor(availability.status)} data-testid="item-status">
          {availability.status.replace(/_/g, ' ')} · {availability.unlimited ? '∞' : availability.sellable} sellable
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {/* An item holds any number of identifiers (ADR 0029): every one is shown. */}
        {identifierList(item.identifiers ?? [])}
        {externalIds.map((e) => ` · ${connectionName(connections.data, e.connectionId)}: ${e.externalId}`).join('')}
      </Text>

      <ItemIdentifiers item={item} canWrite={canWrite} />

      <ItemLevels itemId={item.id} levels={levels} availability={availability} code={code} canWrite={canWrite} />

      <Card withBorder data-testid="item-discrepancies">
        <Title order={4} mb="sm">
          Open discrepancies
        </Title>
        {discrepancies.isPending ? (
          <Loading what="discrepancies" />
        ) : discrepancies.isError ? (
          <Failed error={discrepancies.error} />
        ) : discrepancies.data.items.length === 0 ? (
          <Empty>None: every connection that reports this item agrees.</Empty>
        ) : (
          <Stack>
            {discrepancies.data.items.map((d) => (
              <DiscrepancyCard key={d.id} discrepancy={d} />
            ))}
          </Stack>
        )}
      </Card>

      <Card withBorder>
        <Title order={4} mb="sm">
          Latest observation of each connection
        </Title>
        {observations.length === 0 ? (
          <Empty>No connection has reported this item.</Empty>
        ) : (
          <DataTable data-testid="observations-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Connection</Table.Th>
                <Table.Th>Location</Table.Th>
                <Table.Th>On hand</Table.Th>
                <Table.Th>Source timestamp</Table.Th>
                <Table.Th>Received</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {observations.map((o) => (
                <Table.Tr key={`${o.connectionId}@${o.locationId}`}>
                  <Table.Td>{connectionName(connections.data, o.connectionId)}</Table.Td>
                  <Table.Td>{code(o.locationId)}</Table.Td>
                  <Table.Td>{onHandText(o)}</Table.Td>
                  <Table.Td>{when(o.sourceTimestamp)}</Table.Td>
                  <Table.Td>{when(o.receivedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
        )}
      </Card>

      <Card withBorder>
        <Title order={4} mb="sm">
          On hand over time
        </Title>
        {ledger.isPending ? (
          <Loading what="history" />
        ) : ledger.isError ? (
          <Failed error={ledger.error} />
        ) : (
          <OnHandChart entries={ledger.data.items} code={code} />
        )}
      </Card>

      <Card withBorder>
        <Title order={4} mb="sm">
          Ledger
        </Title>
        {ledger.isPending ? null : ledger.isError ? null : ledger.data.items.length === 0 ? (
          <Empty>No ledger entries.</Empty>
        ) : (
          <LedgerTable entries={ledger.data.items} />
        )}
      </Card>
    </Stack>
  );
}

const KIND_LABELS: Record<string, string> = { sku: 'SKU', gtin: 'GTIN', partNumber: 'part number' };

/** The item's SKUs, GTINs and part numbers, each kind once, `—` for a kind it has none of. */
function identifierList(identifiers: readonly Schemas['HeldIdentifierDto'][]): string {
  return Object.entries(KIND_LABELS)
    .map(
      ([kind, label]) =>
        `${label} ${
          identifiers
            .filter((i) => i.kind === kind)
            .map((i) => i.value)
            .join(', ') || '—'
        }`,
    )
    .join(' · ');
}
