import { match } from './router';

/** The console's pages in its menu, by route. */
export const NAV = [
  { to: '/', label: 'Overview' },
  { to: '/items', label: 'Items' },
  { to: '/low-stock', label: 'Low stock' },
  { to: '/import', label: 'Import' },
  { to: '/ledger', label: 'Ledger' },
  { to: '/discrepancies', label: 'Discrepancies' },
  { to: '/jobs', label: 'Jobs' },
  { to: '/connections', label: 'Connections' },
  { to: '/channels', label: 'Channels' },
  { to: '/keys', label: 'API keys' },
];

/** The page's name, for the browser's title bar and history. */
export function pageTitleOf(path: string): string {
  if (match('/items/:itemId', path)) return 'Item';
  if (match('/jobs/:jobId', path)) return 'Job';
  if (match('/channels/:channelId', path)) return 'Channel';
  return NAV.find((item) => item.to === path)?.label ?? 'Overview';
}
