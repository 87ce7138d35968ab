import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { DataTable } from '../components/data-table';
import { LocationFilter } from '../components/filter-selects';
import { itemLabel, statusColor, when } from '../components/labels';
import { useLocations } from '../components/lookups';
import { RouteLink } from '../components/route-link';
import { Empty, Failed, Loading } from '../components/states';
import { useRouter } from '../router';

const LIMIT = 500;

/**
 * Every place (item × location) out of stock or at or below its low-stock threshold, the most
 * short first, each linking to its item. The location filter lives in the URL.
 */
export function LowStockPage() {
  const { search, navigate } = useRouter();
  const locationId = search.get('locationId') || null;
  const locations = useLocations();
  const low = useQuery({
    queryKey: ['low-stock', locationId],
    queryFn: () => unwrap(api.GET('/api/v1/stock-levels/low-stock', { params: { query: { limit: LIMIT, ...(locationId ? { locationId } : {}) } } })),
  });
  const code = (id: string) => locations.data?.get(id)?.code ?? id.slice(0, 8);
  return (
    <Stack>
      <Title order={1} size="h2">
        Low stock
      </Title>
      <Text size="sm">
        A place is listed when what it can sell has reached its threshold. The threshold is the place’s own <b>low-stock threshold</b>, or its{' '}
        <b>out-of-stock threshold</b> when it has none (0 unless set); both are set per place on the item page. The units counted are on hand less reserved (or
        the available figure a source reports), less the larger of safety stock and floor. Places out of stock come first, then the most units below their
        threshold. Places sold on back order or pre-order, restricted or unlimited ones are not listed.
      </Text>
      <Text size="sm" c="dimmed">
        The low-stock <i>alert</i> is a webhook channel’s <code>inventory.low_stock</code> event, sent when an item’s figure on that channel reaches the
        channel’s own <code>lowStockAt</code> setting: set it on a webhook channel in{' '}
        <RouteLink to="/channels" underline="always">
          Channels
        </RouteLink>
        .
      </Text>
      <Group>
        <LocationFilter value={locationId} onChange={(id) => navigate(`/low-stock${id ? `?locationId=${encodeURIComponent(id)}` : ''}`)} />
      </Group>
      {low.isPending ? (
        <Loading what="low-stock places" />
      ) : low.isError ? (
        <Failed error={low.error} />
      ) : low.data.places.length === 0 ? (
        <Empty>No place is low or out of stock.</Empty>
      ) : (
        <>
          <DataTable striped data-testid="low-stock-table" minWidth={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Location</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>On hand</Table.Th>
                <Table.Th>Units counted</Table.Th>
                <Table.Th>Threshold</Table.Th>
                <Table.Th>Below by</Table.Th>
                <Table.Th>Changed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {low.data.places.map((p) => (
                <Table.Tr key={`${p.itemId}@${p.locationId}`} data-item={itemLabel({ ...p, id: p.itemId })} data-location={code(p.locationId)}>
                  <Table.Td>
                    <RouteLink to={`/items/${p.itemId}`}>{itemLabel({ ...p, id: p.itemId })}</RouteLink>
                  </Table.Td>
                  <Table.Td>{p.name ?? '—'}</Table.Td>
                  <Table.Td>{code(p.locationId)}</Table.Td>
                  <Table.Td>
                    <Badge color={statusColor(p.status)} variant="light">
                      {p.status.replace(/_/g, ' ')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{p.onHand ?? '—'}</Table.Td>
                  <Table.Td>{p.headroom}</Table.Td>
                  <Table.Td data-testid="threshold">
                    {p.threshold} {p.lowStockThreshold === null ? '(out of stock at)' : '(low at)'}
                  </Table.Td>
                  <Table.Td data-testid="shortfall">{p.shortfall}</Table.Td>
                  <Table.Td>{when(p.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </DataTable>
          <Text size="sm" c="dimmed" data-testid="low-stock-count">
            {low.data.places.length} of {low.data.total} place(s) shown{low.data.total > low.data.places.length ? ': the most short first' : ''}.
          </Text>
        </>
      )}
    </Stack>
  );
}
