import { Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { DiscrepancyCard } from '../components/discrepancy-card';
import { Empty, Failed, Loading } from '../components/states';

type Status = 'open' | 'resolved' | 'all';

/** The queue of disagreeing observations; each is resolved by choosing a source or entering a value. */
export function DiscrepanciesPage() {
  const [status, setStatus] = useState<Status>('open');
  const list = useQuery({
    queryKey: ['discrepancies', status],
    queryFn: () => unwrap(api.GET('/api/v1/discrepancies', { params: { query: { status, limit: 100 } } })),
  });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Discrepancies
        </Title>
        <SegmentedControl value={status} onChange={(v) => setStatus(v as Status)} data={['open', 'resolved', 'all']} />
      </Group>
      {list.isPending ? (
        <Loading what="discrepancies" />
      ) : list.isError ? (
        <Failed error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Empty>{status === 'open' ? 'No open discrepancy: every source agrees.' : 'No discrepancy.'}</Empty>
      ) : (
        list.data.items.map((d) => <DiscrepancyCard key={d.id} discrepancy={d} />)
      )}
    </Stack>
  );
}
