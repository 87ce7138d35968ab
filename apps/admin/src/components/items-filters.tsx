import { Button, Checkbox, Group, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/client';
import { ConnectionFilter, LocationFilter } from './filter-selects';
import { STATUS_CHOICES, type ItemsFilter } from './items-filter.model';

/** The items list's search and filters; a change is handed up to go into the URL. */
export function Filters({ filter, onChange }: { filter: ItemsFilter; onChange: (changes: Partial<ItemsFilter>) => void }) {
  const [text, setText] = useState(filter.q);
  useEffect(() => setText(filter.q), [filter.q]);
  const channels = useQuery({ queryKey: ['channels'], queryFn: () => unwrap(api.GET('/api/v1/channels')) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: text });
  };
  return (
    <form onSubmit={submit}>
      <Group align="end" gap="sm">
        <TextInput
          label="Search"
          name="q"
          placeholder="words of the name, SKU, GTIN, part number, vendor id"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={320}
        />
        <Button type="submit">Search</Button>
        <Select
          label="Status"
          placeholder="any"
          clearable
          data={[...STATUS_CHOICES]}
          value={filter.status}
          onChange={(status) => onChange({ status })}
          w={200}
        />
        <LocationFilter value={filter.locationId} onChange={(locationId) => onChange({ locationId })} />
        <ConnectionFilter value={filter.connectionId} onChange={(connectionId) => onChange({ connectionId })} />
        <Select
          label="Channel"
          placeholder="any"
          clearable
          data={(channels.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={filter.channelId}
          onChange={(channelId) => onChange({ channelId })}
          w={190}
        />
        <Checkbox label="Open discrepancy" checked={filter.discrepancy} onChange={(e) => onChange({ discrepancy: e.currentTarget.checked })} mb={8} />
      </Group>
    </form>
  );
}
