import { Alert, Badge, Button, Card, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { api, messageOf, unwrap, type Schemas } from '../api/client';
import { ChannelAvailability } from '../components/channel-availability';
import { ChannelDeadLetters } from '../components/channel-dead-letters';
import { ChannelDeliveries } from '../components/channel-deliveries';
import { ChannelForm } from '../components/channel-form';
import { ChannelSyncCard } from '../components/channel-sync';
import { connectionName, useChannelDialects, useConnections, useLocations } from '../components/lookups';
import { Failed, Loading } from '../components/states';
import { useRouter } from '../router';
import { useCanWrite } from '../session';

type Channel = Schemas['ChannelDto'];

/** One channel: its settings, its sync, what it is shown per item, its dead letters and its deliveries. */
export function ChannelPage({ channelId }: { channelId: string }) {
  const canWrite = useCanWrite();
  const { navigate } = useRouter();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const dialects = useChannelDialects();
  const channel = useQuery({
    queryKey: ['channel', channelId],
    queryFn: () => unwrap(api.GET('/api/v1/channels/{channelId}', { params: { path: { channelId } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['channel', channelId] });
  const setStatus = useMutation({
    mutationFn: (status: Channel['status']) => unwrap(api.PATCH('/api/v1/channels/{channelId}', { params: { path: { channelId } }, body: { status } })),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: async () => {
      // The sections that poll go first, and their requests in flight are aborted: none may ask for a deleted channel.
      setDeleting(true);
      await queryClient.cancelQueries({ queryKey: ['channel', channelId] });
      return unwrap(api.DELETE('/api/v1/channels/{channelId}', { params: { path: { channelId } } }));
    },
    onSuccess: () => {
      // Out of the cached list first, or the list would ask for the deleted channel's sync.
      queryClient.setQueryData<Schemas['ChannelListDto']>(['channels'], (list) => list && { items: list.items.filter((c) => c.id !== channelId) });
      navigate('/channels');
      void queryClient.invalidateQueries({ queryKey: ['channels'] });
    },
    onError: () => setDeleting(false),
  });
  if (channel.isPending) return <Loading what="the channel" />;
  if (channel.isError) return <Failed error={channel.error} />;
  const c = channel.data;
  const dialect = dialects.data?.find((d) => d.dialect === c.dialect);
  const failure = setStatus.error ?? remove.error;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2" data-testid="channel-title">
          {c.name}{' '}
          <Text span c="dimmed">
            {dialect?.title ?? c.dialect}
          </Text>
        </Title>
        <Group>
          <Badge size="lg" color={c.status === 'active' ? 'green' : 'gray'} data-testid="channel-status">
            {c.status}
          </Badge>
          <Button variant="light" disabled={!canWrite || editing} onClick={() => setEditing(true)}>
            Edit
          </Button>
          <Button
            variant="light"
            color={c.status === 'active' ? 'yellow' : 'green'}
            disabled={!canWrite}
            loading={setStatus.isPending}
            onClick={() => setStatus.mutate(c.status === 'active' ? 'paused' : 'active')}
          >
            {c.status === 'active' ? 'Pause' : 'Resume'}
          </Button>
          <Button
            variant="light"
            color="red"
            disabled={!canWrite}
            loading={remove.isPending}
            onClick={() => window.confirm(`Delete the channel ${c.name}? Its sync state and delivery log go with it.`) && remove.mutate()}
          >
            Delete
          </Button>
        </Group>
      </Group>
      {failure && <Alert color="red">{messageOf(failure)}</Alert>}
      {c.status === 'paused' && (
        <Alert color="gray" title="Paused">
          Changes are kept and sent once the channel is resumed.
        </Alert>
      )}

      <Card withBorder>
        <Title order={3} size="h4" mb="sm">
          Settings
        </Title>
        {editing ? (
          <ChannelForm
            dialects={dialects.data ?? []}
            channel={c}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              queryClient.setQueryData(['channel', channelId], saved);
              setEditing(false);
              void queryClient.invalidateQueries({ queryKey: ['channel', channelId] });
              void queryClient.invalidateQueries({ queryKey: ['channels'] });
            }}
          />
        ) : (
          <ChannelSettings channel={c} />
        )}
      </Card>

      {!deleting && (
        <>
          <ChannelSyncCard channelId={channelId} />
          <ChannelAvailability channelId={channelId} />
          <ChannelDeadLetters channelId={channelId} />
          <ChannelDeliveries channelId={channelId} />
        </>
      )}
    </Stack>
  );
}

function ChannelSettings({ channel }: { channel: Channel }) {
  const locations = useLocations();
  const connections = useConnections();
  const { rules, identifier } = channel;
  const codes = channel.locationIds?.map((id) => locations.data?.get(id)?.code ?? id.slice(0, 8)).join(', ');
  const settings = Object.entries(channel.settings);
  const rows: [string, ReactNode][] = [
    ['Base URL', <Code key="url">{channel.baseUrl}</Code>],
    ['Locations', codes ?? 'all locations'],
    ['Buffer', `${rules.bufferUnits} units, ${rules.bufferPercent} %`],
    ['Max shown', rules.maxShown ?? 'no maximum'],
    ['Zero at', rules.zeroAt ?? 'never'],
    ['Identifier', identifier.kind === 'external' ? `the ids of ${connectionName(connections.data, identifier.connectionId ?? null)}` : identifier.kind],
    ['Settings', settings.length === 0 ? 'none' : settings.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(' · ')],
    ['Credentials set', channel.credentialFields.length === 0 ? 'none' : `${channel.credentialFields.join(', ')} (never shown)`],
  ];
  return (
    <Table data-testid="channel-settings" variant="vertical" layout="fixed">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={180}>{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
