import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, unwrap, type Schemas } from '../api/client';
import { connectionName, useConnections } from '../components/lookups';
import { RouteLink } from '../components/route-link';
import { Empty, Failed, Loading } from '../components/states';

const DAYS = 14;
/** The counts and the activity are small answers; refreshing them often costs little. */
const REFRESH_MS = 15_000;
const COLORS = ['#1971c2', '#2f9e44', '#f08c00', '#e03131', '#6741d9', '#0c8599', '#e8590c', '#495057'];

interface Tile {
  readonly label: string;
  readonly value: number;
  /** The list the tile stands for. */
  readonly to: string;
}

/** The figures an operator checks first, each a link to the list it counts, and the ledger activity by day and source. */
export function OverviewPage() {
  const counts = useQuery({
    queryKey: ['stats', 'overview'],
    queryFn: () => unwrap(api.GET('/api/v1/stats/overview')),
    refetchInterval: REFRESH_MS,
  });
  const activity = useQuery({
    queryKey: ['stats', 'activity', DAYS],
    queryFn: () => unwrap(api.GET('/api/v1/stats/activity', { params: { query: { days: DAYS } } })),
    refetchInterval: REFRESH_MS,
  });
  const connections = useConnections();
  if (counts.isPending) return <Loading what="the overview" />;
  if (counts.isError) return <Failed error={counts.error} />;
  const c = counts.data;
  const tiles: Tile[] = [
    { label: 'Items', value: c.items.total, to: '/items' },
    { label: 'Items out of stock', value: c.items.byStatus.out_of_stock, to: '/items?status=out_of_stock' },
    { label: 'Items low on stock', value: c.items.byStatus.low_stock, to: '/items?status=low_stock' },
    { label: 'Items with a discrepancy', value: c.items.openDiscrepancy, to: '/items?discrepancy=open' },
    { label: 'Open discrepancies', value: c.discrepancies.stockOpen, to: '/discrepancies' },
    { label: 'Active connections', value: c.connections['active'] ?? 0, to: '/connections' },
    { label: 'Running jobs', value: c.jobs.pending + c.jobs.working, to: '/jobs' },
    { label: 'Failed jobs', value: c.jobs.failed, to: '/jobs' },
    { label: 'Channel items failing', value: c.channels.failingItems + c.channels.deadItems, to: '/channels' },
  ];
  const chart = activity.data ? activityChart(activity.data, (id) => connectionName(connections.data, id)) : null;
  return (
    <Stack>
      <Title order={1} size="h2">
        Overview
      </Title>
      <SimpleGrid cols={{ base: 2, md: 3, lg: 5 }}>
        {tiles.map((tile) => (
          <Card key={tile.label} withBorder data-testid={`tile-${tile.label}`} component={RouteLink} to={tile.to} underline="never" c="inherit">
            <Text size="sm" c="dimmed">
              {tile.label}
            </Text>
            <Text fw={700} size="xl">
              {tile.value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          Ledger activity, last {DAYS} days (UTC), by source
        </Title>
        {activity.isError ? (
          <Failed error={activity.error} />
        ) : !chart ? (
          <Loading what="the activity" />
        ) : chart.series.length === 0 ? (
          <Empty>No ledger activity in the last days.</Empty>
        ) : (
          <div style={{ width: '100%', height: 280 }} data-testid="activity-chart">
            <ResponsiveContainer>
              <BarChart data={chart.rows}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} />
                <Tooltip cursor={false} />
                <Legend />
                {chart.series.map((name, i) => (
                  <Bar key={name} dataKey={name} stackId="a" fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </Card>
    </Stack>
  );
}

/** Direct writes (an API key, the console) are one series; each connection is its own. */
const DIRECT = 'direct (API and console)';

function activityChart(activity: Schemas['ActivityDto'], nameOf: (id: string | null) => string) {
  const days: string[] = [];
  for (let day = new Date(activity.from); day < new Date(activity.to); day.setUTCDate(day.getUTCDate() + 1)) days.push(day.toISOString().slice(0, 10));
  const rows = days.map((day) => ({ day }) as Record<string, string | number>);
  const series = new Set<string>();
  for (const entry of activity.rows) {
    const row = rows[days.indexOf(entry.day)];
    if (!row) continue;
    const name = entry.connectionId ? nameOf(entry.connectionId) : DIRECT;
    series.add(name);
    row[name] = (Number(row[name]) || 0) + entry.entries;
  }
  return { rows, series: [...series].sort() };
}
