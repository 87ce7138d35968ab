import { Stack, Table, Text } from '@mantine/core';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Schemas } from '../api/client';
import { DataTable } from './data-table';
import { historySummary, onHandHistory, tickLabel, timeTicks } from './on-hand-history.model';
import { Empty } from './states';

const COLORS = ['#228be6', '#40c057', '#fa5252', '#7950f2', '#fd7e14', '#15aabf'];

/**
 * On hand per location over a real time axis (x proportional to time, dates on the ticks), from
 * the ledger. A sentence per location and a table of the changes say the same for those who
 * cannot see the chart.
 */
export function OnHandChart({ entries, code }: { entries: readonly Schemas['LedgerEntryDto'][]; code: (locationId: string) => string }) {
  if (entries.length === 0) return <Empty>No history yet.</Empty>;
  const history = onHandHistory(entries, code);
  const label = (t: number) => tickLabel(t, history.domain);
  return (
    <Stack gap="xs">
      <div style={{ width: '100%', height: 280 }} data-testid="on-hand-chart">
        <ResponsiveContainer>
          <LineChart data={[...history.points]} margin={{ right: 24 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" scale="time" domain={[...history.domain]} ticks={timeTicks(history.domain)} tickFormatter={label} fontSize={12} />
            <YAxis allowDecimals={false} />
            <Tooltip cursor={false} labelFormatter={(t) => new Date(Number(t)).toLocaleString()} />
            <Legend />
            {history.series.map((name, i) => (
              <Line key={name} type="stepAfter" dataKey={name} stroke={COLORS[i % COLORS.length]} connectNulls dot isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <Stack gap={0} data-testid="on-hand-summary">
        {historySummary(history).map((line) => (
          <Text key={line} size="sm" c="dimmed">
            {line}
          </Text>
        ))}
      </Stack>
      <details>
        <summary>
          <Text span size="sm">
            The changes as a table
          </Text>
        </summary>
        <DataTable data-testid="on-hand-changes" minWidth={420}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Location</Table.Th>
              <Table.Th>On hand after</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {history.changes.map((c, i) => (
              <Table.Tr key={i}>
                <Table.Td>{new Date(c.at).toLocaleString()}</Table.Td>
                <Table.Td>{c.location}</Table.Td>
                <Table.Td>{c.onHand ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      </details>
    </Stack>
  );
}
