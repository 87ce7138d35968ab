import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { ChannelForm } from '../components/channel-form';
import { lagText } from '../components/channel-form.model';
import { when } from '../components/labels';
import { useChannelDialects, useChannelSync } from '../components/lookups';
import { Empty, Failed, Loading } from '../components/states';
import { useRouter } from '../router';
import { useCanWrite } from '../session';
import { DataTable } from '../components/data-table';

/** Sales channels: each one's dialect, status and sync at a glance, and a form to create one. */
export function ChannelsPage() {
  const canWrite = useCanWrite();
  const { navigate } = useRouter();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const dialects = useChannelDialects();
  const list = useQuery({ queryKey: ['channels'], queryFn: () => unwrap(api.GET('/api/v1/channels')) });
  const titleOf = (dialect: string) => dialects.data?.find((d) => d.dialect === dialect)?.title ?? dialect;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Channels
        </Title>
        {canWrite && !creating && (
          <Button onClick={() => setCreating(true)} disabled={!dialects.data?.length}>
            New channel
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Where Tally sends each item’s available-to-sell, in the channel’s own dialect.
      </Text>
      {creating && (
        <Card withBorder>
          <Title order={3} size="h4" mb="sm">
            New channel
          </Title>
          {dialects.isError ? (
            <Failed error={dialects.error} />
          ) : (
            <ChannelForm
              dialects={dialects.data ?? []}
              onCancel={() => setCreating(false)}
              onSaved={(created) => {
                void queryClient.invalidateQueries({ queryKey: ['channels'] });
                navigate(`/channels/${created.id}`);
              }}
            />
          )}
        </Card>
      )}
      {list.isPending ? (
        <Loading what="channels" />
      ) : list.isError ? (
        <Failed error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Empty>No channel yet: create one for each shop or marketplace that should show your stock.</Empty>
      ) : (
        <DataTable data-testid="channels-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Dialect</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Pending</Table.Th>
              <Table.Th>Failing</Table.Th>
              <Table.Th>Dead</Table.Th>
              <Table.Th>Synced</Table.Th>
              <Table.Th>Lag</Table.Th>
              <Table.Th>Last success</Table.Th>
              <Table.Th>Last error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((channel) => (
              <ChannelRow key={channel.id} channel={channel} dialectTitle={titleOf(channel.dialect)} onOpen={() => navigate(`/channels/${channel.id}`)} />
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </Stack>
  );
}

function ChannelRow({ channel, dialectTitle, onOpen }: { channel: Schemas['ChannelDto']; dialectTitle: string; onOpen: () => void }) {
  const sync = useChannelSync(channel.id);
  const s = sync.data;
  return (
    <Table.Tr data-channel={channel.name}>
      <Table.Td>
        <Anchor
          href={`/admin/channels/${channel.id}`}
          onClick={(event) => {
            event.preventDefault();
            onOpen();
          }}
        >
          {channel.name}
        </Anchor>
      </Table.Td>
      <Table.Td>{dialectTitle}</Table.Td>
      <Table.Td>
        <Badge color={channel.status === 'active' ? 'green' : 'gray'}>{channel.status}</Badge>
      </Table.Td>
      {sync.isError ? (
        <Table.Td colSpan={7}>
          <Text c="red" size="sm">
            sync unavailable
          </Text>
        </Table.Td>
      ) : (
        <>
          <Table.Td data-testid="pending">{s?.pending ?? '…'}</Table.Td>
          <Table.Td data-testid="failing">{s?.failing ?? '…'}</Table.Td>
          <Table.Td data-testid="dead">{s?.dead ?? '…'}</Table.Td>
          <Table.Td data-testid="synced">{s?.synced ?? '…'}</Table.Td>
          <Table.Td>{s ? lagText(s.lagSeconds) : '…'}</Table.Td>
          <Table.Td>{when(s?.lastSuccessAt)}</Table.Td>
          <Table.Td>
            <Text size="xs" lineClamp={2} title={s?.lastError ?? undefined}>
              {s?.lastError ? `${when(s.lastErrorAt)}: ${s.lastError}` : '—'}
            </Text>
          </Table.Td>
        </>
      )}
    </Table.Tr>
  );
}
