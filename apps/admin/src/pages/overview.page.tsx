import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, unwrap, type Schemas } from '../api/client';
import { connectionName, useConnections } from '../components/lookups';
import { Empty, Failed, Loading } from '../components/states';

const DAYS = 7;
const PAGE = 500;
const COLORS = ['#228be6', '#40c057', '#fab005', '#fa5252', '#7950f2', '#15aabf', '#fd7e14', '#868e96'];

/** The figures an operator checks first, and the recent ledger activity by connection. */
export function OverviewPage() {
  const since = startOfDay(DAYS - 1).toISOString();
  const figures = useQuery({
    queryKey: ['overview'],
    queryFn: async () => {
      const [items, locations, connections, levels, discrepancies, jobs, ledger] = await Promise.all([
        unwrap(api.GET('/api/v1/items', { params: { query: { limit: PAGE } } })),
        unwrap(api.GET('/api/v1/locations', { params: { query: { limit: PAGE } } })),
        unwrap(api.GET('/api/v1/connections')),
        unwrap(api.GET('/api/v1/stock-levels', { params: { query: { limit: PAGE } } })),
        unwrap(api.GET('/api/v1/discrepancies', { params: { query: { status: 'open', limit: PAGE } } })),
        unwrap(api.GET('/api/v1/jobs', { params: { query: { limit: 200 } } })),
        unwrap(api.GET('/api/v1/ledger', { params: { query: { from: since, limit: PAGE } } })),
      ]);
      return { items, locations, connections, levels, discrepancies, jobs, ledger };
    },
    refetchInterval: 5000,
  });
  const connections = useConnections();
  if (figures.isPending) return <Loading what="the overview" />;
  if (figures.isError) return <Failed error={figures.error} />;
  const { items, locations, levels, discrepancies, jobs, ledger } = figures.data;
  const count = (page: { items: unknown[]; nextCursor?: string | null }) => `${page.items.length}${page.nextCursor ? '+' : ''}`;
  const status = (wanted: string) => new Set(levels.items.filter((l) => l.present && l.availability.status === wanted).map((l) => l.itemId)).size;
  const tiles: [string, string | number][] = [
    ['Items', count(items)],
    ['Locations', count(locations)],
    ['Connections', figures.data.connections.items.filter((c) => c.status === 'active').length],
    ['Items out of stock', status('out_of_stock')],
    ['Items low on stock', status('low_stock')],
    ['Open discrepancies', count(discrepancies)],
    ['Running jobs', jobs.items.filter((j) => j.status === 'PENDING' || j.status === 'WORKING').length],
    ['Failed jobs', jobs.items.filter((j) => j.status === 'FAILED').length],
  ];
  const activity = activityByDay(ledger.items, (id) => connectionName(connections.data, id));
  return (
    <Stack>
      <Title order={1} size="h2">
        Overview
      </Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {tiles.map(([label, value]) => (
          <Card key={label} withBorder data-testid={`tile-${label}`}>
            <Text size="sm" c="dimmed">
              {label}
            </Text>
            <Text fw={700} size="xl">
              {value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={4}>Ledger activity, last {DAYS} days, by connection</Title>
          {ledger.nextCursor && (
            <Text size="xs" c="dimmed">
              the latest {PAGE} entries
            </Text>
          )}
        </Group>
        {activity.series.length === 0 ? (
          <Empty>No ledger activity in the last days.</Empty>
        ) : (
          <div style={{ width: '100%', height: 280 }} data-testid="activity-chart">
            <ResponsiveContainer>
              <BarChart data={activity.rows}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" />
                <YAxis allowDecimals={false} />
                <Tooltip cursor={false} />
                <Legend />
                {activity.series.map((name, i) => (
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

function startOfDay(daysAgo: number): Date {
  const day = new Date();
  day.setHours(0, 0, 0, 0);
  day.setDate(day.getDate() - daysAgo);
  return day;
}

function activityByDay(entries: Schemas['LedgerEntryDto'][], nameOf: (id: string | null) => string) {
  const days = Array.from({ length: DAYS }, (_, i) => startOfDay(DAYS - 1 - i).toLocaleDateString());
  const rows = days.map((day) => ({ day }) as Record<string, string | number>);
  const series = new Set<string>();
  for (const entry of entries) {
    const row = rows[days.indexOf(new Date(entry.recordedAt).toLocaleDateString())];
    if (!row) continue;
    const name = nameOf(entry.connectionId);
    series.add(name);
    row[name] = (Number(row[name]) || 0) + 1;
  }
  return { rows, series: [...series].sort() };
}
