import { Alert, Button, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiProblem, api, messageOf, unwrap } from '../api/client';
import { editReference, onHandProblem, REASON_MAX_LENGTH } from './level-editor.model';

interface Props {
  readonly itemId: string;
  readonly locationId: string;
  readonly locationCode: string;
  /** On hand as the page showed it: the expectation of the compare-and-set. */
  readonly onHand: number | null;
  readonly onClose: () => void;
}

/**
 * Sets on hand with compare-and-set against the figure the operator saw. When someone else
 * changed it meanwhile the API answers 409 with the current value: the editor shows it and
 * lets the operator retry against it, so nothing is ever overwritten unseen.
 */
export function LevelEditor({ itemId, locationId, locationCode, onHand, onClose }: Props) {
  const [expected, setExpected] = useState<number | null>(onHand);
  const [value, setValue] = useState<number | string>(onHand ?? 0);
  const [conflict, setConflict] = useState<number | null | undefined>(undefined);
  const [reason, setReason] = useState('');
  const problem = onHandProblem(value);
  const reference = editReference(reason);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/stock-levels/compare-and-set', {
          body: { item: { itemId }, location: { locationId }, figure: 'on_hand', expected, value: Number(value), reference },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries();
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiProblem && error.status === 409 && error.problem.current !== undefined) {
        setConflict(error.problem.current);
        setExpected(error.problem.current ?? null);
        void queryClient.invalidateQueries({ queryKey: ['item', itemId] });
      }
    },
  });
  return (
    <Modal opened onClose={onClose} title={`On hand at ${locationCode}`}>
      <Stack>
        <Text size="sm">
          Expected current value: <b data-testid="expected">{expected ?? 'none'}</b>
        </Text>
        {conflict !== undefined && (
          <Alert color="orange" title="Changed by someone else" data-testid="conflict">
            The level changed while you were editing: it is now <b data-testid="current">{conflict ?? 'none'}</b>. Nothing was overwritten. Check the new value,
            then save again to replace it.
          </Alert>
        )}
        {save.isError && conflict === undefined && <Alert color="red">{messageOf(save.error)}</Alert>}
        {/* Typed as is: a negative on hand (oversold) is kept, never clamped to 0 behind the operator's back. */}
        <NumberInput
          label="New on hand"
          name="onHand"
          allowDecimal={false}
          clampBehavior="none"
          value={value}
          onChange={setValue}
          error={problem}
          description={problem === null && Number(value) < 0 ? 'Negative: more was sold than is on hand (oversold).' : undefined}
        />
        <TextInput
          label="Reason (kept in the ledger)"
          name="reason"
          maxLength={REASON_MAX_LENGTH}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => {
              setConflict(undefined);
              save.mutate();
            }}
            loading={save.isPending}
            disabled={problem !== null}
          >
            Save
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
