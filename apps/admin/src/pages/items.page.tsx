import { Anchor, Badge, Button, Checkbox, Group, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { BulkEdit } from '../components/bulk-edit';
import { DataTable } from '../components/data-table';
import { itemsFilterOf, overviewQueryOf, searchOf, toggledSort, type ItemsFilter, type ItemsSort } from '../components/items-filter.model';
import { Filters } from '../components/items-filters';
import { itemLabel, statusColor, when } from '../components/labels';
import { useLocations } from '../components/lookups';
import { RouteLink } from '../components/route-link';
import { Empty, Failed, Loading } from '../components/states';
import { useRouter } from '../router';
import { useCanWrite } from '../session';

const PAGE = 100;

/**
 * Every item with its figures: filtered on the server by status, location, connection, channel
 * and open discrepancy, searched by every word over name and identifiers, sorted by a column,
 * paged with a cursor. The filter lives in the URL, so a filtered list can be bookmarked or sent.
 * Filtered to one location, each row is one place: rows can then be selected and edited in bulk.
 */
export function ItemsPage() {
  const { search, navigate } = useRouter();
  const filter = itemsFilterOf(search);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const apply = (changes: Partial<ItemsFilter>) => {
    setSelected(new Set());
    navigate(`/items${searchOf({ ...filter, ...changes })}`);
  };
  const locations = useLocations();
  const selectable = useCanWrite() && filter.locationId !== null;
  const items = useInfiniteQuery({
    queryKey: ['items-overview', filter],
    queryFn: ({ pageParam }) => unwrap(api.GET('/api/v1/items/overview', { params: { query: overviewQueryOf(filter, pageParam, PAGE) } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
  });
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];
  const chosen = rows.filter((r) => selected.has(r.id)).map((r) => ({ itemId: r.id, locationId: r.locationId ?? '', label: itemLabel(r), onHand: r.onHand }));
  const toggle = (id: string, on: boolean) => setSelected((now) => new Set([...now].filter((x) => x !== id).concat(on ? [id] : [])));
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
      {selectable ? (
        <BulkEdit
          places={chosen}
          locationCode={locations.data?.get(filter.locationId ?? '')?.code ?? 'this location'}
          onApplied={() => setSelected(new Set())}
        />
      ) : (
        <Text size="sm" c="dimmed">
          Choose a location to list its places one per row, select them and edit them in bulk.
        </Text>
      )}
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
              {selectable && (
                <Table.Th>
                  <Checkbox
                    aria-label="Select every row shown"
                    checked={rows.length > 0 && chosen.length === rows.length}
                    indeterminate={chosen.length > 0 && chosen.length < rows.length}
                    onChange={(e) => setSelected(new Set(e.currentTarget.checked ? rows.map((r) => r.id) : []))}
                  />
                </Table.Th>
              )}
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
              <ItemRow
                key={row.id}
                row={row}
                withChannel={filter.channelId !== null}
                selection={selectable ? { checked: selected.has(row.id), onChange: (on) => toggle(row.id, on) } : null}
              />
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

interface RowProps {
  readonly row: Schemas['ItemOverviewRowDto'];
  readonly withChannel: boolean;
  readonly selection: { readonly checked: boolean; readonly onChange: (on: boolean) => void } | null;
}

function ItemRow({ row, withChannel, selection }: RowProps) {
  const figure = row.channel?.figure;
  return (
    <Table.Tr data-item={itemLabel(row)}>
      {selection && (
        <Table.Td>
          <Checkbox aria-label={`Select ${itemLabel(row)}`} checked={selection.checked} onChange={(e) => selection.onChange(e.currentTarget.checked)} />
        </Table.Td>
      )}
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
