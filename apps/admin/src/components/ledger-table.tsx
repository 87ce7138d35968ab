import { Anchor, Code, Table } from '@mantine/core';
import type { Schemas } from '../api/client';
import { itemLabel, onHandText, when } from './labels';
import { connectionName, useConnections, useLocations } from './lookups';
import { DataTable } from './data-table';

const figure = (snapshot: Schemas['LevelSnapshotDto']) => onHandText(snapshot);

/** Ledger rows: when, where, what changed, and why (cause, actor, reference, connection). */
export function LedgerTable({ entries, onItem }: { entries: Schemas['LedgerEntryDto'][]; onItem?: (itemId: string) => void }) {
  const locations = useLocations();
  const connections = useConnections();
  return (
    <DataTable striped data-testid="ledger-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Recorded</Table.Th>
          {onItem && <Table.Th>Item</Table.Th>}
          <Table.Th>Location</Table.Th>
          <Table.Th>On hand</Table.Th>
          <Table.Th>Cause</Table.Th>
          <Table.Th>Actor</Table.Th>
          <Table.Th>Connection</Table.Th>
          <Table.Th>Reference</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map((entry) => (
          <Table.Tr key={entry.id} data-cause={entry.cause}>
            <Table.Td>{when(entry.recordedAt)}</Table.Td>
            {onItem && (
              <Table.Td>
                <Anchor component="button" type="button" onClick={() => onItem(entry.itemId)}>
                  {entry.item ? itemLabel({ ...entry.item, id: entry.itemId }) : `merged item ${entry.itemId}`}
                </Anchor>
              </Table.Td>
            )}
            <Table.Td>{locations.data?.get(entry.locationId)?.code ?? entry.locationId.slice(0, 8)}</Table.Td>
            <Table.Td>
              {figure(entry.before)} → {figure(entry.after)}
            </Table.Td>
            <Table.Td>
              <Code>{entry.cause}</Code>
            </Table.Td>
            <Table.Td title={entry.actor}>{entry.actorName ? `key “${entry.actorName}”` : entry.actor}</Table.Td>
            <Table.Td>{connectionName(connections.data, entry.connectionId)}</Table.Td>
            <Table.Td>{entry.reference ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </DataTable>
  );
}
