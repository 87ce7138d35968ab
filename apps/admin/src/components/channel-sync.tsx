import { Alert, Button, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, messageOf, unwrap } from '../api/client';
import { useCanWrite } from '../session';
import { lagText } from './channel-form.model';
import { when } from './labels';
import { useChannelSync } from './lookups';
import { Failed, Loading } from './states';

/** A channel's sync: items in each state, its lag, last success and error; and a full resync. */
export function ChannelSyncCard({ channelId }: { channelId: string }) {
  const canWrite = useCanWrite();
  const queryClient = useQueryClient();
  const sync = useChannelSync(channelId);
  const resync = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/channels/{channelId}/resync', { params: { path: { channelId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['channel', channelId] }),
  });
  const s = sync.data;
  const tiles: [string, string | number][] = s
    ? [
        ['Pending', s.pending],
        ['Failing', s.failing],
        ['Dead', s.dead],
        ['Synced', s.synced],
        ['Lag', lagText(s.lagSeconds)],
        ['Last success', when(s.lastSuccessAt)],
        ['Not yet fanned out', s.outboxBacklog],
        ...(s.eventsPending + s.eventsDead > 0
          ? ([
              ['Events waiting', s.eventsPending],
              ['Dead events', s.eventsDead],
            ] as [string, number][])
          : []),
      ]
    : [];
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h4">
          Sync
        </Title>
        <Button variant="light" disabled={!canWrite} loading={resync.isPending} onClick={() => resync.mutate()}>
          Resync all
        </Button>
      </Group>
      {resync.isSuccess && (
        <Alert color="blue" mb="sm" withCloseButton onClose={() => resync.reset()} data-testid="resync-result">
          {resync.data.marked} {resync.data.marked === 1 ? 'item' : 'items'} marked for sending.
        </Alert>
      )}
      {resync.isError && (
        <Alert color="red" mb="sm">
          {messageOf(resync.error)}
        </Alert>
      )}
      {sync.isPending ? (
        <Loading what="the sync" />
      ) : sync.isError ? (
        <Failed error={sync.error} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 7 }} data-testid="sync-summary">
            {tiles.map(([label, value]) => (
              <div key={label} data-testid={`sync-${label}`}>
                <Text size="sm" c="dimmed">
                  {label}
                </Text>
                <Text fw={700}>{value}</Text>
              </div>
            ))}
          </SimpleGrid>
          {s?.lastError && (
            <Alert color="red" mt="sm" title={`Last error, ${when(s.lastErrorAt)}`} data-testid="sync-last-error">
              {s.lastError}
            </Alert>
          )}
        </>
      )}
    </Card>
  );
}
