import { webhookOutbound } from '@tally/outbound-webhook';
import type { OutboundConnector } from '@tally/vendor-kit';

/**
 * The outbound connectors this build installs: the client side of each dialect, the one list
 * the channel catalog reads (docs/channels.md). Adding a connector is adding it here.
 */
export const INSTALLED_CONNECTORS: readonly OutboundConnector[] = [webhookOutbound];
