import { Select } from '@mantine/core';
import { useConnections, useLocations } from './lookups';

interface FilterProps {
  readonly value: string | null;
  readonly onChange: (id: string | null) => void;
}

/** A filter by location: any, or one of the tenant's locations by code. */
export function LocationFilter({ value, onChange }: FilterProps) {
  const locations = useLocations();
  return (
    <Select
      label="Location"
      placeholder="any"
      clearable
      searchable
      data={[...(locations.data?.values() ?? [])].map((l) => ({ value: l.id, label: l.code }))}
      value={value}
      onChange={onChange}
      w={160}
    />
  );
}

/** A filter by connection: any, or one of the tenant's connections by name. */
export function ConnectionFilter({ value, onChange }: FilterProps) {
  const connections = useConnections();
  return (
    <Select
      label="Connection"
      placeholder="any"
      clearable
      data={[...(connections.data?.values() ?? [])].map((c) => ({ value: c.id, label: c.name }))}
      value={value}
      onChange={onChange}
      w={190}
    />
  );
}
