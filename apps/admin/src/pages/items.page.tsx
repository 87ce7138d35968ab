import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { DataTable } from '../components/data-table';
import { itemsFilterOf, overviewQueryOf, searchOf, STATUS_CHOICES, toggledSort, type ItemsFilter, type ItemsSort } from '../components/items-filter.model';
import { itemLabel, statusColor, when } from '../components/labels';
import { ConnectionFilter, LocationFilter } from '../components/filter-selects';
import { RouteLink } from '../components/route-link';
import { Empty, Failed, Loading } from '../components/states';
import { useRouter } from '../router';

const PAGE = 100;

/**
 * Every item with its figures: filtered on the server by status, location, connection, channel
 * and open discrepancy, searched by every word over name and identifiers, sorted by a column,
 * paged with a cursor. The filter lives in the URL, so a filtered list can be bookmarked or sent.
 */
export function ItemsPage() {
  const { search, navigate } = useRouter();
  const filter = itemsFilterOf(search);
  const apply = (changes: Partial<ItemsFilter>) => navigate(`/items${searchOf({ ...filter, ...changes })}`);
  const items = useInfiniteQuery({
    queryKey: ['items-overview', filter],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/items/overview', { params: { query: overviewQueryOf(filter, pageParam, PAGE) } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
  });
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const header = (label: string, column: ItemsSort) => (
    <SortHeader label={label} column={column} filter={filter} onSort={(c) => apply(toggledSort(filter, c))} />
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Items
        </Title>
        {/* The whole catalogue's levels, streamed by the API: the file the command line imports. */}
        <Group gap="xs">
          <Anchor href="/api/v1/stock-levels/export?format=csv" download size="sm">
            Export levels (CSV)
          </Anchor>
          <Anchor href="/api/v1/stock-levels/export?format=ndjson" download size="sm">
            Export levels (NDJSON)
          </Anchor>
        </Group>
      </Group>
      <Filters filter={filter} onChange={apply} />
      {items.isPending ? (
        <Loading what="items" />
      ) : items.isError ? (
        <Failed error={items.error} />
      ) : rows.length === 0 ? (
        <Empty>{searchOf(filter) ? 'No item matches these filters.' : 'No items yet: they appear when a connection or the API reports stock.'}</Empty>
      ) : (
        <DataTable striped highlightOnHover data-testid="items-table" minWidth={860}>
          <Table.Thead>
            <Table.Tr>
              {header('Item', 'sku')}
              {header('Name', 'name')}
              {header('On hand', 'onHand')}
              <Table.Th>Reserved</Table.Th>
              {header('Sellable', 'sellable')}
              <Table.Th>Status</Table.Th>
              {filter.channelId && <Table.Th>On the channel</Table.Th>}
              {header('Updated', 'updatedAt')}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <ItemRow key={row.id} row={row} withChannel={filter.channelId !== null} />
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="items-shown">
          {rows.length} item(s) shown{items.hasNextPage ? ', more to load' : ''}
        </Text>
        {items.hasNextPage && (
          <Button variant="default" onClick={() => void items.fetchNextPage()} loading={items.isFetchingNextPage}>
            Load {PAGE} more
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function ItemRow({ row, withChannel }: { row: Schemas['ItemOverviewRowDto']; withChannel: boolean }) {
  const figure = row.channel?.figure;
  return (
    <Table.Tr data-item={itemLabel(row)}>
      <Table.Td>
        <RouteLink to={`/items/${row.id}`}>{itemLabel(row)}</RouteLink>
        {row.openDiscrepancy && (
          <Badge ml="xs" size="xs" color="orange" variant="light">
            discrepancy
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{row.name ?? '—'}</Table.Td>
      <Table.Td data-testid="on-hand">{row.onHand ?? '—'}</Table.Td>
      <Table.Td>{row.reserved}</Table.Td>
      <Table.Td data-testid="sellable">{row.unlimited ? '∞' : row.sellable}</Table.Td>
      <Table.Td>
        <Badge color={statusColor(row.status)} variant="light" data-testid="status">
          {row.status.replace(/_/g, ' ')}
        </Badge>
      </Table.Td>
      {withChannel && <Table.Td data-testid="channel-figure">{figure === undefined ? '—' : figure === 'unlimited' ? '∞' : figure}</Table.Td>}
      <Table.Td>{when(row.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}

function SortHeader({ label, column, filter, onSort }: { label: string; column: ItemsSort; filter: ItemsFilter; onSort: (column: ItemsSort) => void }) {
  const active = filter.sort === column;
  const arrow: ReactNode = active ? (filter.direction === 'asc' ? ' ▲' : ' ▼') : '';
  return (
    <Table.Th aria-sort={active ? (filter.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton fw={700} fz="sm" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{arrow}</span>
      </UnstyledButton>
    </Table.Th>
  );
}

function Filters({ filter, onChange }: { filter: ItemsFilter; onChange: (changes: Partial<ItemsFilter>) => void }) {
  const [text, setText] = useState(filter.q);
  useEffect(() => setText(filter.q), [filter.q]);
  const channels = useQuery({ queryKey: ['channels'], queryFn: () => unwrap(api.GET('/api/v1/channels')) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: text });
  };
  return (
    <form onSubmit={submit}>
      <Group align="end" gap="sm">
        <TextInput
          label="Search"
          name="q"
          placeholder="words of the name, SKU, GTIN, part number, vendor id"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={320}
        />
        <Button type="submit">Search</Button>
        <Select
          label="Status"
          placeholder="any"
          clearable
          data={[...STATUS_CHOICES]}
          value={filter.status}
          onChange={(status) => onChange({ status })}
          w={200}
        />
        <LocationFilter value={filter.locationId} onChange={(locationId) => onChange({ locationId })} />
        <ConnectionFilter value={filter.connectionId} onChange={(connectionId) => onChange({ connectionId })} />
        <Select
          label="Channel"
          placeholder="any"
          clearable
          data={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={filter.channelId}
          onChange={(channelId) => onChange({ channelId })}
          w={190}
        />
        <Checkbox label="Open discrepancy" checked={filter.discrepancy} onChange={(e) => onChange({ discrepancy: e.currentTarget.checked })} mb={8} />
      </Group>
    </form>
  );
}
