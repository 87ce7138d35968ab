import { Alert, Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf, unwrap } from '../api/client';
import { bulkLinesOf, bulkOutcomesOf, POLICIES, type BulkAction, type PlaceOutcome, type PolicyChoice, type SeenPlace } from './bulk-edit.model';
import { DataTable } from './data-table';
import { editReference, REASON_MAX_LENGTH, wholeNumberProblem } from './level-editor.model';

type Kind = BulkAction['kind'];

const KINDS = [
  { value: 'set', label: 'Set on hand to' },
  { value: 'adjust', label: 'Adjust on hand by (±)' },
  { value: 'policy', label: 'Set the stock policy' },
];

const OUTCOME_COLORS: Record<PlaceOutcome['outcome'], string> = { applied: 'green', unchanged: 'gray', conflict: 'orange', refused: 'red' };

interface Props {
  readonly places: readonly SeenPlace[];
  readonly locationCode: string;
  /** Called once the batch is answered, so the page clears its selection. */
  readonly onApplied: () => void;
}

/**
 * Edits the selected places in one batch request: on hand set or adjusted by compare-and-set
 * against the figure the table showed (a place changed meanwhile is reported, not overwritten),
 * or a stock policy; the required reason is the ledger reference of every change (ADR 0062).
 */
export function BulkEdit({ places, locationCode, onApplied }: Props) {
  const [kind, setKind] = useState<Kind>('set');
  const [amount, setAmount] = useState<number | string>('');
  const [policy, setPolicy] = useState<PolicyChoice>('normal');
  const [reason, setReason] = useState('');
  const [outcomes, setOutcomes] = useState<PlaceOutcome[] | null>(null);
  const queryClient = useQueryClient();
  const amountProblem = kind === 'policy' ? null : wholeNumberProblem(amount, kind === 'set' ? 'the new on hand' : 'the change');
  const reasonProblem = reason.trim() === '' ? 'Give a reason: it is kept in the ledger with each change.' : null;
  const apply = useMutation({
    mutationFn: async () => {
      const action: BulkAction = kind === 'policy' ? { kind, policy } : kind === 'set' ? { kind, value: Number(amount) } : { kind, delta: Number(amount) };
      const { lines, sent, refused } = bulkLinesOf(action, places);
      if (lines.length === 0) return refused;
      const report = await unwrap(api.POST('/api/v1/stock-levels/batch', { body: { reference: editReference(reason), lines } }));
      return bulkOutcomesOf(sent, report, refused);
    },
    onSuccess: async (result) => {
      setOutcomes(result);
      onApplied();
      await queryClient.invalidateQueries();
    },
  });
  return (
    <Card withBorder data-testid="bulk-edit">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Bulk edit at {locationCode}
        </Title>
        {places.length === 0 ? (
          <Text size="sm" c="dimmed">
            Select places in the table to change them together.
          </Text>
        ) : (
          <>
            <Text size="sm" data-testid="bulk-selected">
              {places.length} place(s) selected.
            </Text>
            <Group align="start" gap="sm">
              <Select label="Change" data={KINDS} value={kind} onChange={(v) => v && setKind(v as Kind)} allowDeselect={false} w={220} />
              {kind === 'policy' ? (
                <Select
                  label="Stock policy"
                  data={Object.entries(POLICIES).map(([value, p]) => ({ value, label: p.label }))}
                  value={policy}
                  onChange={(v) => v && setPolicy(v as PolicyChoice)}
                  allowDeselect={false}
                  w={240}
                />
              ) : (
                <NumberInput
                  label={kind === 'set' ? 'New on hand' : 'Change by'}
                  allowDecimal={false}
                  clampBehavior="none"
                  value={amount}
                  onChange={setAmount}
                  error={amount === '' ? undefined : amountProblem}
                  w={160}
                />
              )}
              <TextInput
                label="Reason (kept in the ledger)"
                required
                maxLength={REASON_MAX_LENGTH}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                w={280}
              />
            </Group>
            <Group>
              <Button onClick={() => apply.mutate()} loading={apply.isPending} disabled={amountProblem !== null || reasonProblem !== null}>
                Apply to {places.length} place(s)
              </Button>
              <Text size="xs" c="dimmed">
                {amountProblem ?? reasonProblem ?? 'A place whose on hand changed since the table was read is left as it is and reported.'}
              </Text>
            </Group>
          </>
        )}
        {apply.isError && <Alert color="red">{messageOf(apply.error)}</Alert>}
        {outcomes && <Outcomes outcomes={outcomes} />}
      </Stack>
    </Card>
  );
}

function Outcomes({ outcomes }: { outcomes: readonly PlaceOutcome[] }) {
  const count = (o: PlaceOutcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600} role="status" data-testid="bulk-summary">
        {count('applied')} applied, {count('unchanged')} unchanged, {count('conflict')} changed meanwhile (not written), {count('refused')} refused.
      </Text>
      <DataTable data-testid="bulk-results" minWidth={480}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>Detail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outcomes.map((o) => (
            <Table.Tr key={o.itemId} data-item={o.label}>
              <Table.Td>{o.label}</Table.Td>
              <Table.Td>
                <Badge color={OUTCOME_COLORS[o.outcome]} variant="light" data-testid="outcome">
                  {o.outcome}
                </Badge>
              </Table.Td>
              <Table.Td data-testid="outcome-detail">
                {o.outcome === 'conflict' ? `on hand is now ${o.current ?? 'none'}; nothing written` : (o.reason ?? '')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </DataTable>
    </Stack>
  );
}
