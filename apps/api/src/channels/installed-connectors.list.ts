import { webhookOutbound } from '@tally/outbound-webhook';
import { comestriOutbound } from '@tally/vendor-comestri';
import { cruxOutbound } from '@tally/vendor-crux';
import { kiboOutbound } from '@tally/vendor-kibo';
import { marketplacerOutbound } from '@tally/vendor-marketplacer';
import { retailopsOutbound } from '@tally/vendor-retailops';
import type { OutboundConnector } from '@tally/vendor-kit';

/**
 * The outbound connectors this build installs: the client side of each dialect, the one list
 * the channel catalog reads (docs/channels.md). Adding a connector is adding it here.
 */
export const INSTALLED_CONNECTORS: readonly OutboundConnector[] = [
  kiboOutbound,
  cruxOutbound,
  marketplacerOutbound,
  comestriOutbound,
  retailopsOutbound,
  webhookOutbound,
];
