import { Anchor, Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiProblem, api, messageOf, unwrap } from '../api/client';
import { LedgerTable } from '../components/ledger-table';
import { ConnectionFilter, LocationFilter } from '../components/filter-selects';
import { itemLookupQuery } from '../components/item-lookup';
import { Empty, Failed, Loading } from '../components/states';
import { useRouter } from '../router';

const CAUSES = [
  'set',
  'adjust',
  'compare_and_set',
  'remove',
  'refresh',
  'refresh_zeroed',
  'snapshot_zeroed',
  'observation',
  'discrepancy_resolved',
  'source_switched',
  'merge',
  'repair',
] as const;
type Cause = (typeof CAUSES)[number];

/** The ledger of the tenant, newest first, filtered by cause, location, connection, item and time. */
export function LedgerPage() {
  const { navigate } = useRouter();
  const [cause, setCause] = useState<Cause | null>(null);
  const [locationId, setLocationId] = useState<string | null>(null);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [itemText, setItemText] = useState('');
  const [itemAsked, setItemAsked] = useState('');
  const item = useItemNamed(itemAsked);
  const [from, setFrom] = useState('');
  const filter = {
    ...(cause ? { cause } : {}),
    ...(locationId ? { locationId } : {}),
    ...(connectionId ? { connectionId } : {}),
    ...(item.itemId ? { itemId: item.itemId } : {}),
    ...(from ? { from: new Date(from).toISOString() } : {}),
  };
  const ledger = useInfiniteQuery({
    queryKey: ['ledger', filter],
    // An item asked for but not (yet) found shows nothing, never the whole ledger.
    enabled: !itemAsked || item.itemId !== null,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/ledger', { params: { query: { limit: 100, ...filter, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
  });
  const entries = ledger.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Ledger
        </Title>
        {/* The same filter as the table; an item asked for but not found yet exports nothing rather than everything. */}
        {(!itemAsked || item.itemId !== null) && (
          <Anchor href={`/api/v1/ledger/export?${new URLSearchParams({ format: 'csv', ...filter })}`} download size="sm" data-testid="ledger-export">
            Export CSV
          </Anchor>
        )}
      </Group>
      <Group align="end">
        <Select label="Cause" name="cause" placeholder="any" clearable data={[...CAUSES]} value={cause} onChange={(v) => setCause(v as Cause | null)} w={200} />
        <LocationFilter value={locationId} onChange={setLocationId} />
        <ConnectionFilter value={connectionId} onChange={setConnectionId} />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setItemAsked(itemText.trim());
          }}
        >
          <TextInput
            label="Item"
            name="item"
            placeholder="SKU, GTIN, part number or id; Enter"
            value={itemText}
            onChange={(e) => setItemText(e.currentTarget.value)}
            onBlur={() => setItemAsked(itemText.trim())}
            error={item.problem}
            w={300}
          />
        </form>
        <TextInput label="From" type="datetime-local" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
      </Group>
      {itemAsked && item.itemId === null ? null : ledger.isPending ? (
        <Loading what="the ledger" />
      ) : ledger.isError ? (
        <Failed error={ledger.error} />
      ) : entries.length === 0 ? (
        <Empty>No ledger entry matches these filters.</Empty>
      ) : (
        <LedgerTable entries={entries} onItem={(id) => navigate(`/items/${id}`)} />
      )}
      {ledger.hasNextPage && (
        <Button variant="default" onClick={() => void ledger.fetchNextPage()} loading={ledger.isFetchingNextPage}>
          Load older entries
        </Button>
      )}
    </Stack>
  );
}

/**
 * The item an operator names in the filter: an id as it is, else the item holding that SKU,
 * part number or GTIN (any form). A name that finds nothing says so instead of being ignored.
 */
function useItemNamed(text: string): { itemId: string | null; problem: string | null } {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
  const lookup = useQuery({
    queryKey: ['item-named', text],
    enabled: text !== '' && !isId,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/items/lookup', {
          params: { query: itemLookupQuery(text) },
        }),
      ),
  });
  if (text === '') return { itemId: null, problem: null };
  if (isId) return { itemId: text, problem: null };
  if (lookup.isError) {
    const notFound = lookup.error instanceof ApiProblem && lookup.error.status === 404;
    return { itemId: null, problem: notFound ? `No item has the SKU, GTIN or part number “${text}”.` : messageOf(lookup.error) };
  }
  return { itemId: lookup.data?.id ?? null, problem: null };
}
