import { Button, Group, Select, Stack, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { LedgerTable } from '../components/ledger-table';
import { useConnections, useLocations } from '../components/lookups';
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
  const [itemId, setItemId] = useState('');
  const [from, setFrom] = useState('');
  const locations = useLocations();
  const connections = useConnections();
  const filter = {
    ...(cause ? { cause } : {}),
    ...(locationId ? { locationId } : {}),
    ...(connectionId ? { connectionId } : {}),
    ...(/^[0-9a-f-]{36}$/i.test(itemId.trim()) ? { itemId: itemId.trim() } : {}),
    ...(from ? { from: new Date(from).toISOString() } : {}),
  };
  const ledger = useInfiniteQuery({
    queryKey: ['ledger', filter],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/ledger', { params: { query: { limit: 100, ...filter, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? null,
  });
  const entries = ledger.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack>
      <Title order={1} size="h2">
        Ledger
      </Title>
      <Group align="end">
        <Select label="Cause" name="cause" placeholder="any" clearable data={[...CAUSES]} value={cause} onChange={(v) => setCause(v as Cause | null)} w={200} />
        <Select
          label="Location"
          placeholder="any"
          clearable
          data={[...(locations.data?.values() ?? [])].map((l) => ({ value: l.id, label: l.code }))}
          value={locationId}
          onChange={setLocationId}
          w={160}
        />
        <Select
          label="Connection"
          placeholder="any"
          clearable
          data={[...(connections.data?.values() ?? [])].map((c) => ({ value: c.id, label: c.name }))}
          value={connectionId}
          onChange={setConnectionId}
          w={200}
        />
        <TextInput label="Item id" placeholder="uuid" value={itemId} onChange={(e) => setItemId(e.currentTarget.value)} w={300} />
        <TextInput label="From" type="datetime-local" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
      </Group>
      {ledger.isPending ? (
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
