import { Alert, Button, Card, Group, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, messageOf, unwrap } from '../api/client';
import { useCanWrite } from '../session';
import { when } from './labels';
import { useItemLabels } from './lookups';
import { Empty, Failed, Loading } from './states';
import { DataTable } from './data-table';

/** Items the channel refused for good or that ran out of attempts, each with its error; replayed all or one at a time. */
export function ChannelDeadLetters({ channelId }: { channelId: string }) {
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const labels = useItemLabels();
  const dead = useInfiniteQuery({
    queryKey: ['channel', channelId, 'dead'],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/channels/{channelId}/items', {
          params: { path: { channelId }, query: { state: 'dead', limit: 100, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    refetchInterval: 5000,
  });
  const replay = useMutation({
    mutationFn: (itemIds: string[] | null) =>
      unwrap(api.POST('/api/v1/channels/{channelId}/replay', { params: { path: { channelId } }, body: itemIds ? { itemIds } : {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['channel', channelId] }),
  });
  const rows = dead.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          Dead letters
        </Title>
        <Button variant="light" color="orange" disabled={!canWrite} loading={replay.isPending} onClick={() => replay.mutate(null)}>
          Replay all
        </Button>
      </Group>
      {replay.isSuccess && (
        <Alert color="blue" mb="sm" withCloseButton onClose={() => replay.reset()} data-testid="replay-result">
          {replay.data.marked} {replay.data.marked === 1 ? 'item' : 'items'} marked for sending again.
        </Alert>
      )}
      {replay.isError && (
        <Alert color="red" mb="sm">
          {messageOf(replay.error)}
        </Alert>
      )}
      {dead.isPending ? (
        <Loading what="dead letters" />
      ) : dead.isError ? (
        <Failed error={dead.error} />
      ) : rows.length === 0 ? (
        <Empty>No dead letter: nothing was refused for good.</Empty>
      ) : (
        <DataTable data-testid="dead-letters-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Marked</Table.Th>
              <Table.Th>Error</Table.Th>
              <Table.Th>
                <VisuallyHidden>Action</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const label = labels.data?.get(row.itemId) ?? row.itemId.slice(0, 8);
              return (
                <Table.Tr key={row.itemId} data-item={label}>
                  <Table.Td>{label}</Table.Td>
                  <Table.Td>{row.attempts}</Table.Td>
                  <Table.Td>{when(row.markedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.lastError ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" disabled={!canWrite} aria-label={`Replay ${label}`} onClick={() => replay.mutate([row.itemId])}>
                      Replay
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </DataTable>
      )}
      {dead.hasNextPage && (
        <Button mt="sm" variant="default" onClick={() => void dead.fetchNextPage()} loading={dead.isFetchingNextPage}>
          Load more dead letters
        </Button>
      )}
    </Card>
  );
}
