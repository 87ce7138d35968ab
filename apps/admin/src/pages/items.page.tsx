import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { Empty, Failed, Loading } from '../components/states';
import { useRouter } from '../router';
import { DataTable } from '../components/data-table';
import { RouteLink } from '../components/route-link';

/** Item search by SKU, GTIN (any form: it matches inside the stored GTIN-14), part number, name or vendor id. */
export function ItemsPage() {
  const { search, navigate } = useRouter();
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  const items = useQuery({
    queryKey: ['items', q],
    queryFn: () => unwrap(api.GET('/api/v1/items', { params: { query: { limit: 100, ...(q ? { q } : {}) } } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/items${text.trim() ? `?q=${encodeURIComponent(text.trim())}` : ''}`);
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        Items
      </Title>
      <form onSubmit={submit}>
        <Group align="end">
          <TextInput
            label="Search"
            name="q"
            placeholder="SKU, GTIN (any form), part number or vendor id"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            w={420}
          />
          <Button type="submit">Search</Button>
        </Group>
      </form>
      {items.isPending ? (
        <Loading what="items" />
      ) : items.isError ? (
        <Failed error={items.error} />
      ) : items.data.items.length === 0 ? (
        <Empty>{q ? `No item matches “${q}”.` : 'No items yet: they appear when a connection or the API reports stock.'}</Empty>
      ) : (
        <DataTable striped highlightOnHover data-testid="items-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>SKU</Table.Th>
              <Table.Th>GTIN</Table.Th>
              <Table.Th>Part number</Table.Th>
              <Table.Th>Name</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.data.items.map((item) => (
              <Table.Tr key={item.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/items/${item.id}`)}>
                <Table.Td>
                  <RouteLink to={`/items/${item.id}`}>{item.sku ?? item.gtin ?? item.partNumber ?? item.id.slice(0, 8)}</RouteLink>
                </Table.Td>
                <Table.Td>{item.gtin ?? '—'}</Table.Td>
                <Table.Td>{item.partNumber ?? '—'}</Table.Td>
                <Table.Td>{item.name ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
      {items.data?.nextCursor && (
        <Text size="sm" c="dimmed">
          Showing the first 100; refine the search to see others.
        </Text>
      )}
    </Stack>
  );
}
