import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../api/client';
import { itemLabel } from './labels';

/** Locations by id (the console's names for location ids). */
export function useLocations() {
  return useQuery({
    queryKey: ['locations'],
    queryFn: () => unwrap(api.GET('/api/v1/locations', { params: { query: { limit: 500 } } })),
    select: (page) => new Map(page.items.map((l): [string, Schemas['LocationDto']] => [l.id, l])),
  });
}

/** Connections by id. */
export function useConnections() {
  return useQuery({
    queryKey: ['connections'],
    queryFn: () => unwrap(api.GET('/api/v1/connections')),
    select: (list) => new Map(list.items.map((c): [string, Schemas['ConnectionDto']] => [c.id, c])),
  });
}

/** The name of a connection id (`direct` for writes made with an API key). */
export function connectionName(connections: Map<string, Schemas['ConnectionDto']> | undefined, id: string | null): string {
  if (!id) return 'direct';
  return connections?.get(id)?.name ?? id.slice(0, 8);
}

/** Labels (SKU, else GTIN, ...) of the tenant's first 500 items by id; other ids show shortened. */
export function useItemLabels(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['items', 'labels'],
    queryFn: () => unwrap(api.GET('/api/v1/items', { params: { query: { limit: 500 } } })),
    select: (page) => new Map(page.items.map((i): [string, string] => [i.id, itemLabel(i)])),
  });
}

/** The dialects the server speaks, as it describes them: the console names none itself. */
export function useDialects() {
  return useQuery({
    queryKey: ['dialects'],
    queryFn: () => unwrap(api.GET('/api/v1/dialects')),
    select: (list) => list.items,
    staleTime: Infinity,
  });
}

/** The dialects a channel can speak, with their settings and credentials schemas, as the server describes them. */
export function useChannelDialects() {
  return useQuery({
    queryKey: ['channel-dialects'],
    queryFn: () => unwrap(api.GET('/api/v1/channel-dialects')),
    select: (list) => list.items,
    staleTime: Infinity,
  });
}

/** A channel's sync at a glance, refreshed while the page shows it. */
export function useChannelSync(channelId: string) {
  return useQuery({
    queryKey: ['channel', channelId, 'sync'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/channels/{channelId}/sync', { params: { path: { channelId } }, signal })),
    refetchInterval: 2000,
  });
}
