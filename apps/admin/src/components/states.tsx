import { Alert, Center, Loader, Text } from '@mantine/core';
import { messageOf } from '../api/client';

/** Shown while a query loads. */
export function Loading({ what }: { what: string }) {
  return (
    <Center py="lg" data-testid="loading">
      <Loader size="sm" mr="sm" />
      <Text c="dimmed">Loading {what}…</Text>
    </Center>
  );
}

/** Shown when a query failed. */
export function Failed({ error }: { error: unknown }) {
  return (
    <Alert color="red" title="Something went wrong" data-testid="error">
      {messageOf(error)}
    </Alert>
  );
}

/** Shown when a list is empty. */
export function Empty({ children }: { children: string }) {
  return (
    <Text c="dimmed" py="md" data-testid="empty">
      {children}
    </Text>
  );
}
