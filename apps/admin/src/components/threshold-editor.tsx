import { Alert, Button, Group, Modal, NumberInput, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf, unwrap, type Schemas } from '../api/client';
import { editReference, REASON_MAX_LENGTH } from './level-editor.model';
import { parseThresholds, thresholdFieldsOf, type ThresholdFields } from './threshold-editor.model';

interface Props {
  readonly itemId: string;
  readonly level: Schemas['StockLevelDto'];
  readonly locationCode: string;
  readonly onClose: () => void;
}

/**
 * Sets the thresholds of one level (low-stock threshold, safety stock, out-of-stock threshold).
 * They are figures of the level, so the change is a ledger entry with the reason as its reference.
 */
export function ThresholdEditor({ itemId, level, locationCode, onClose }: Props) {
  const [fields, setFields] = useState<ThresholdFields>(thresholdFieldsOf(level.figures));
  const [reason, setReason] = useState('');
  const { values, problems } = parseThresholds(fields);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/stock-levels/set', {
          body: { item: { itemId }, location: { locationId: level.locationId }, ...values, reference: editReference(reason) },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      onClose();
    },
  });
  const field = (key: keyof ThresholdFields, label: string, description: string) => (
    <NumberInput
      label={label}
      description={description}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      value={fields[key]}
      onChange={(value) => setFields((now) => ({ ...now, [key]: value }))}
      error={problems[key]}
    />
  );
  return (
    <Modal opened onClose={onClose} title={`Thresholds at ${locationCode}`}>
      <Stack>
        {save.isError && <Alert color="red">{messageOf(save.error)}</Alert>}
        {field('lowStockThreshold', 'Low-stock threshold', 'At or below this many sellable units the place is low on stock; empty: never.')}
        {field('safetyStock', 'Safety stock', 'Units kept back: never offered for sale.')}
        {field('outOfStockThreshold', 'Out-of-stock threshold', 'At or below this many sellable units nothing is sold.')}
        <TextInput label="Reason (kept in the ledger)" maxLength={REASON_MAX_LENGTH} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={values === null}>
            Save thresholds
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
