import { Alert, Button, Card, Center, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf, unwrap } from '../api/client';

/** Sign-in with an API key: the key goes to the API once and is forgotten; the API sets a session cookie. */
export function SignInPage() {
  const [apiKey, setApiKey] = useState('');
  const queryClient = useQueryClient();
  const signIn = useMutation({
    mutationFn: (key: string) => unwrap(api.POST('/api/v1/session', { body: { apiKey: key } })),
    onSuccess: async () => {
      setApiKey('');
      await queryClient.invalidateQueries();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(apiKey);
  };
  return (
    <Center h="100vh" bg="gray.0">
      <Card withBorder shadow="sm" w={420} padding="xl">
        <form onSubmit={submit}>
          <Stack>
            <Title order={1} size="h2">
              Tally console
            </Title>
            <Text c="dimmed" size="sm">
              Sign in with an API key of your tenant. A read-only key sees everything and changes nothing.
            </Text>
            <PasswordInput label="API key" name="apiKey" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.currentTarget.value)} required />
            {signIn.isError && <Alert color="red">{messageOf(signIn.error)}</Alert>}
            <Button type="submit" loading={signIn.isPending}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Card>
    </Center>
  );
}
