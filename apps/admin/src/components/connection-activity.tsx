import { Anchor, Badge, Code, List, Modal, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../api/client';
import { Failed, Loading } from './states';

type Activity = Schemas['ConnectionActivityDto'];

/** "5 min ago" from an ISO time, against `now`. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** When a connection was last seen: relative, the exact time on hover. */
export function LastSeen({ activity }: { activity: Activity | undefined }) {
  const at = activity?.lastSeenAt;
  if (!at) return <Text size="sm">never</Text>;
  return (
    <Text size="sm" component="time" dateTime={at} title={at}>
      {ago(at)}
    </Text>
  );
}

/** A connection's last error: its status and code, the message expanded on request; and its errors in 24 hours. */
export function LastError({ activity, name }: { activity: Activity | undefined; name: string }) {
  const [open, setOpen] = useState(false);
  const error = activity?.lastError;
  if (!error) return <Text size="sm">none</Text>;
  return (
    <Stack gap={2} data-testid="last-error">
      <Text size="sm">
        <Badge color="red" variant="light" mr={4}>
          {error.status}
        </Badge>
        <Code>{error.code}</Code>
      </Text>
      <Text size="xs" component="time" dateTime={error.at} title={error.at}>
        {ago(error.at)} ({error.source})
      </Text>
      <Anchor
        component="button"
        type="button"
        size="xs"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-label={`${open ? 'Hide' : 'Show'} the last error of ${name}`}
      >
        {open ? 'hide message' : 'show message'}
      </Anchor>
      {open && (
        <Text size="xs" data-testid="last-error-message" style={{ maxWidth: 320, overflowWrap: 'anywhere' }}>
          {error.message}
        </Text>
      )}
    </Stack>
  );
}

/**
 * How to point the connection's vendor client at this server: its URLs built by the server from
 * the address it was reached at, which credential goes where, never the secret.
 */
export function ConnectGuide({
  connection,
  dialect,
  onClose,
}: {
  connection: Schemas['ConnectionDto'];
  dialect: Schemas['DialectDto'] | undefined;
  onClose: () => void;
}) {
  const connectionId = connection.id;
  const guide = useQuery({
    queryKey: ['connect-guide', connectionId],
    queryFn: () => unwrap(api.GET('/api/v1/connections/{connectionId}/connect-guide', { params: { path: { connectionId } } })),
  });
  return (
    <Modal opened onClose={onClose} title={`How to connect ${connection.name} (${connection.dialect})`} size="xl">
      {guide.isPending ? (
        <Loading what="connect guide" />
      ) : guide.isError ? (
        <Failed error={guide.error} />
      ) : (
        <Stack gap="xs" data-testid="connect-guide">
          <Text size="sm">
            Credential id: <Code data-testid="guide-credential-id">{connection.credentialId}</Code>
          </Text>
          {dialect && (
            <Text size="sm">
              Credential ({dialect.credential.scheme}): {dialect.credential.presentation}
            </Text>
          )}
          <Text size="sm">
            The secret is shown only when the connection is created or rotated; Tally keeps only its hash. Rotate the connection to get a new one (the old one
            stops working at once).
          </Text>
          <List size="sm">
            {guide.data.steps.map((step) => (
              <List.Item key={step}>{step}</List.Item>
            ))}
          </List>
          {guide.data.endpoints.map((endpoint) => (
            <Text key={endpoint.url} size="sm" data-testid="guide-endpoint">
              {endpoint.label}: <Code style={{ overflowWrap: 'anywhere' }}>{endpoint.url}</Code>
            </Text>
          ))}
        </Stack>
      )}
    </Modal>
  );
}
