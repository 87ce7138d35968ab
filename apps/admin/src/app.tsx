import { ActionIcon, AppShell, Badge, Burger, Button, Group, NavLink, Text, useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './api/client';
import { Failed, Loading } from './components/states';
import { ChannelPage } from './pages/channel.page';
import { ChannelsPage } from './pages/channels.page';
import { ConnectionsPage } from './pages/connections.page';
import { DiscrepanciesPage } from './pages/discrepancies.page';
import { ItemPage } from './pages/item.page';
import { ImportPage } from './pages/import.page';
import { ItemsPage } from './pages/items.page';
import { JobPage, JobsPage } from './pages/jobs.page';
import { KeysPage } from './pages/keys.page';
import { LedgerPage } from './pages/ledger.page';
import { LowStockPage } from './pages/low-stock.page';
import { OverviewPage } from './pages/overview.page';
import { SignInPage } from './pages/sign-in.page';
import { NAV, pageTitleOf } from './navigation';
import { match, useRouter } from './router';
import { SessionContext } from './session';

/** The console: sign-in when there is no session, else the shell and the page of the route. */
export function App() {
  const session = useQuery({ queryKey: ['session'], queryFn: () => unwrap(api.GET('/api/v1/session')) });
  if (session.isPending) return <Loading what="session" />;
  if (session.isError) return <Failed error={session.error} />;
  if (!session.data.signedIn || !session.data.session) return <SignInPage />;
  return (
    <SessionContext.Provider value={session.data.session}>
      <Shell role={session.data.session.role} />
    </SessionContext.Provider>
  );
}

function Shell({ role }: { role: string }) {
  const { path, navigate } = useRouter();
  const [menuOpened, menu] = useDisclosure(false);
  useEffect(() => {
    document.title = `${pageTitleOf(path)} · Tally console`;
  }, [path]);
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/session')),
    onSuccess: () => {
      // Show the sign-in page first, so no page is left to refetch without a session.
      queryClient.setQueryData(['session'], { signedIn: false, session: null });
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
    },
  });
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !menuOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Burger opened={menuOpened} onClick={menu.toggle} hiddenFrom="sm" size="sm" aria-label={menuOpened ? 'Close the menu' : 'Open the menu'} />
            {/* The page's own title is the h1; the console's name is not a heading. */}
            <Text fw={700} size="lg" component="span">
              Tally console
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <ColorSchemeToggle />
            {/* An operator key is an admin key that may also open tenants, which the console does not do. */}
            <Badge color={role === 'read_only' ? 'gray' : 'blue'} data-testid="role">
              {role === 'read_only' ? 'read-only' : 'admin'}
            </Badge>
            <Button variant="subtle" size="xs" onClick={() => signOut.mutate()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Console pages">
        {NAV.map((item) => (
          <NavLink
            key={item.to}
            label={item.label}
            href={`/admin${item.to}`}
            active={item.to === '/' ? path === '/' : path.startsWith(item.to)}
            onClick={(event) => {
              event.preventDefault();
              menu.close();
              navigate(item.to);
            }}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Page path={path} />
      </AppShell.Main>
    </AppShell>
  );
}

/** Switches between the light and dark colour schemes; the choice is kept in this browser. */
function ColorSchemeToggle() {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light');
  const next = scheme === 'dark' ? 'light' : 'dark';
  return (
    <ActionIcon variant="default" size="md" aria-label={`Switch to ${next} mode`} title={`Switch to ${next} mode`} onClick={() => setColorScheme(next)}>
      <span aria-hidden="true">{scheme === 'dark' ? '☀' : '☾'}</span>
    </ActionIcon>
  );
}

function Page({ path }: { path: string }) {
  let params: Record<string, string> | null;
  if ((params = match('/items/:itemId', path))) return <ItemPage itemId={params['itemId']} />;
  if ((params = match('/jobs/:jobId', path))) return <JobPage jobId={params['jobId']} />;
  if ((params = match('/channels/:channelId', path))) return <ChannelPage key={params['channelId']} channelId={params['channelId']} />;
  switch (path) {
    case '/items':
      return <ItemsPage />;
    case '/low-stock':
      return <LowStockPage />;
    case '/ledger':
      return <LedgerPage />;
    case '/import':
      return <ImportPage />;
    case '/discrepancies':
      return <DiscrepanciesPage />;
    case '/jobs':
      return <JobsPage />;
    case '/connections':
      return <ConnectionsPage />;
    case '/channels':
      return <ChannelsPage />;
    case '/keys':
      return <KeysPage />;
    default:
      return <OverviewPage />;
  }
}
