import { Badge, Button, Card, Group, Table, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { Schemas } from '../api/client';
import { DataTable } from './data-table';
import { onHandText, statusColor, when } from './labels';
import { LevelEditor } from './level-editor';
import { Empty } from './states';
import { ThresholdEditor } from './threshold-editor';

interface Props {
  readonly itemId: string;
  readonly levels: readonly Schemas['StockLevelDto'][];
  readonly availability: Schemas['ItemAvailabilityDto'];
  readonly code: (locationId: string) => string;
  readonly canWrite: boolean;
}

/** Stock on its way: each delivery's quantity, with its date and reference when known. */
function incomingText(incoming: readonly Schemas['IncomingStockDto'][]): string {
  if (incoming.length === 0) return '—';
  return incoming
    .map((i) => [String(i.quantity), i.expectedAt && `by ${i.expectedAt.slice(0, 10)}`, i.reference && `(${i.reference})`].filter(Boolean).join(' '))
    .join('; ');
}

/** An item's levels per location: figures, incoming stock, thresholds and status, each editable with a reason. */
export function ItemLevels({ itemId, levels, availability, code, canWrite }: Props) {
  const [editing, setEditing] = useState<{ level: Schemas['StockLevelDto']; what: 'on-hand' | 'thresholds' } | null>(null);
  const sellable = (locationId: string) => availability.locations?.find((l) => l.locationId === locationId);
  const edit = (level: Schemas['StockLevelDto'], what: 'on-hand' | 'thresholds', label: string) => (
    <Button size="xs" variant="light" disabled={!canWrite} title={canWrite ? undefined : 'read-only key'} onClick={() => setEditing({ level, what })}>
      {label}
    </Button>
  );
  return (
    <Card withBorder>
      <Title order={4} mb="sm">
        Levels
      </Title>
      {levels.length === 0 ? (
        <Empty>No stock recorded for this item.</Empty>
      ) : (
        <DataTable data-testid="levels-table" minWidth={1100}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Location</Table.Th>
              <Table.Th>On hand</Table.Th>
              <Table.Th>Reserved</Table.Th>
              <Table.Th>Available</Table.Th>
              <Table.Th>Sellable</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Incoming</Table.Th>
              <Table.Th>Low-stock threshold</Table.Th>
              <Table.Th>Safety stock</Table.Th>
              <Table.Th>Out-of-stock threshold</Table.Th>
              <Table.Th>Source timestamp</Table.Th>
              <Table.Th>
                <VisuallyHidden>Edit</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {levels.map((level) => (
              <Table.Tr key={level.locationId} data-location={code(level.locationId)}>
                <Table.Td>{code(level.locationId)}</Table.Td>
                <Table.Td data-testid="on-hand">{onHandText(level)}</Table.Td>
                <Table.Td>{level.figures.reserved ?? 0}</Table.Td>
                <Table.Td>{level.figures.availableReported ?? '—'}</Table.Td>
                <Table.Td>{sellable(level.locationId)?.unlimited ? '∞' : (sellable(level.locationId)?.sellable ?? level.availability.sellable)}</Table.Td>
                <Table.Td>
                  <Badge color={statusColor(level.availability.status)} variant="light">
                    {level.availability.status.replace(/_/g, ' ')}
                  </Badge>
                </Table.Td>
                <Table.Td data-testid="incoming">{incomingText(level.details.incoming)}</Table.Td>
                <Table.Td data-testid="low-stock-threshold">{level.figures.lowStockThreshold ?? 'none'}</Table.Td>
                <Table.Td data-testid="safety-stock">{level.figures.safetyStock}</Table.Td>
                <Table.Td>{level.figures.outOfStockThreshold}</Table.Td>
                <Table.Td>{when(level.sourceTimestamp)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {edit(level, 'on-hand', 'Edit on hand')}
                    {edit(level, 'thresholds', 'Edit thresholds')}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {editing?.what === 'on-hand' && (
        <LevelEditor
          itemId={itemId}
          locationId={editing.level.locationId}
          locationCode={code(editing.level.locationId)}
          onHand={editing.level.present ? (editing.level.figures.onHand ?? null) : null}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.what === 'thresholds' && (
        <ThresholdEditor itemId={itemId} level={editing.level} locationCode={code(editing.level.locationId)} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}
