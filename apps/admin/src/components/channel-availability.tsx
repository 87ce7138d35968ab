import { Anchor, Badge, Button, Card, Group, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { useRouter } from '../router';
import { sentFigure, shownQuantity } from './channel-form.model';
import { when } from './labels';
import { Empty, Failed, Loading } from './states';
import { DataTable } from './data-table';

const PAGE = 100;

/** Colour of an item's sync state on a channel. */
export function syncColor(state: string | undefined): string {
  return state === 'synced' ? 'green' : state === 'pending' ? 'blue' : state === 'failing' ? 'orange' : state === 'dead' ? 'red' : 'gray';
}

/** What the channel is shown per item, computed now, with each item's sync state; paged, filtered by change time. */
export function ChannelAvailability({ channelId }: { channelId: string }) {
  const { navigate } = useRouter();
  const [since, setSince] = useState('');
  const changedSince = since && !Number.isNaN(Date.parse(since)) ? new Date(since).toISOString() : undefined;
  const pages = useInfiniteQuery({
    queryKey: ['channel', channelId, 'availability', changedSince ?? null],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/channels/{channelId}/availability', {
          params: { path: { channelId }, query: { limit: PAGE, ...(changedSince ? { changedSince } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
    refetchInterval: 3000,
  });
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card withBorder>
      <Group justify="space-between" align="end" mb="sm">
        <Title order={3} size="h4">
          Available to sell
        </Title>
        <Group align="end">
          <TextInput label="Changed since" type="datetime-local" value={since} onChange={(e) => setSince(e.currentTarget.value)} />
          <Anchor
            href={`/api/v1/channels/${encodeURIComponent(channelId)}/availability/export?${new URLSearchParams({ format: 'csv', ...(changedSince ? { changedSince } : {}) })}`}
            download
            size="sm"
            mb={8}
            data-testid="availability-export"
          >
            Export CSV
          </Anchor>
        </Group>
      </Group>
      {pages.isPending ? (
        <Loading what="availability" />
      ) : pages.isError ? (
        <Failed error={pages.error} />
      ) : rows.length === 0 ? (
        <Empty>{changedSince ? 'No item changed since then.' : 'No item has stock at this channel’s locations.'}</Empty>
      ) : (
        <DataTable data-testid="availability-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Identifier</Table.Th>
              <Table.Th>Shown</Table.Th>
              <Table.Th>Sellable</Table.Th>
              <Table.Th>Sync</Table.Th>
              <Table.Th>Last sent</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <AvailabilityRow key={row.itemId} row={row} onItem={() => navigate(`/items/${row.itemId}`)} />
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {pages.hasNextPage && (
        <Button mt="sm" variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          Load more items
        </Button>
      )}
    </Card>
  );
}

function AvailabilityRow({ row, onItem }: { row: Schemas['ChannelAvailabilityDto']; onItem: () => void }) {
  const sync = row.sync;
  return (
    <Table.Tr data-item={row.identifier ?? row.itemId}>
      <Table.Td>
        <Anchor
          href={`/admin/items/${row.itemId}`}
          onClick={(event) => {
            event.preventDefault();
            onItem();
          }}
        >
          {row.name ?? row.identifier ?? row.itemId.slice(0, 8)}
        </Anchor>
      </Table.Td>
      <Table.Td>{row.identifier ?? <Text c="dimmed">none: not sent</Text>}</Table.Td>
      <Table.Td data-testid="shown">{shownQuantity(row)}</Table.Td>
      <Table.Td data-testid="sellable">{row.unlimited ? '∞' : row.sellable}</Table.Td>
      <Table.Td>
        <Badge variant="light" color={syncColor(sync?.state)} data-testid="sync-state">
          {sync?.state ?? 'not marked'}
        </Badge>
        {sync && sync.attempts > 0 && sync.state !== 'synced' && (
          <Text size="xs" c="dimmed">
            {sync.attempts} attempts
          </Text>
        )}
      </Table.Td>
      <Table.Td data-testid="last-sent">{sync?.sentAt ? `${sentFigure(sync.sent)} at ${when(sync.sentAt)}` : '—'}</Table.Td>
    </Table.Tr>
  );
}
