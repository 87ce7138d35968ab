import { Button, Card, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { when } from './labels';
import { Empty, Failed, Loading } from './states';
import { DataTable } from './data-table';

/** The channel's recent sends, newest first: how many items each carried and how they fared. */
export function ChannelDeliveries({ channelId }: { channelId: string }) {
  const deliveries = useInfiniteQuery({
    queryKey: ['channel', channelId, 'deliveries'],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/channels/{channelId}/deliveries', {
          params: { path: { channelId }, query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    refetchInterval: 3000,
  });
  const rows = deliveries.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        Recent deliveries
      </Title>
      {deliveries.isPending ? (
        <Loading what="deliveries" />
      ) : deliveries.isError ? (
        <Failed error={deliveries.error} />
      ) : rows.length === 0 ? (
        <Empty>Nothing sent yet.</Empty>
      ) : (
        <DataTable data-testid="deliveries-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Started</Table.Th>
              <Table.Th>Took</Table.Th>
              <Table.Th>Carried</Table.Th>
              <Table.Th>Sent</Table.Th>
              <Table.Th>Retried</Table.Th>
              <Table.Th>Rejected</Table.Th>
              <Table.Th>Error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <Table.Tr key={d.id} data-delivery={d.id}>
                <Table.Td>{when(d.startedAt)}</Table.Td>
                <Table.Td>{Math.max(0, Date.parse(d.finishedAt) - Date.parse(d.startedAt))} ms</Table.Td>
                <Table.Td>
                  {d.items} {d.subject === 'events' ? 'events' : 'items'}
                </Table.Td>
                <Table.Td data-testid="delivery-sent">{d.sent}</Table.Td>
                <Table.Td>{d.retried}</Table.Td>
                <Table.Td>{d.rejected}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={d.error ? 'red' : 'dimmed'}>
                    {d.error ?? '—'}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {deliveries.hasNextPage && (
        <Button mt="sm" variant="default" onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
          Load older deliveries
        </Button>
      )}
    </Card>
  );
}
