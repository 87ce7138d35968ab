import { Module } from '@nestjs/common';
import {
  ChannelOutbox,
  ChannelRepository,
  ChannelSenders,
  Clock,
  ConnectionRepository,
  DEFAULT_DISPATCH_OPTIONS,
  DispatchChannels,
  IdGenerator,
  ItemRepository,
  LocationRepository,
  ManageChannels,
  SecretCipher,
} from '@tally/inventory-application';
import { AppConfig } from '@tally/platform-node';
import { ChannelDialectsHttpController } from './channel-dialects.http.controller';
import { ChannelDispatcherService } from './channel-dispatcher.service';
import { ChannelsConfig, loadChannelsConfig } from './channels.config';
import { ChannelAvailabilityFileController } from './channel-availability-file.http.controller';
import { ChannelsHttpController } from './channels.http.controller';
import { ConnectorCatalog } from './connector.catalog';
import { INSTALLED_CONNECTORS } from './installed-connectors.list';

/**
 * Channels (docs/channels.md): their API, the installed outbound connectors and the dispatcher
 * that feeds them from the transactional outbox.
 */
@Module({
  controllers: [ChannelsHttpController, ChannelDialectsHttpController, ChannelAvailabilityFileController],
  providers: [
    { provide: ChannelsConfig, useFactory: () => loadChannelsConfig(process.env) },
    {
      provide: ConnectorCatalog,
      useFactory: (config: ChannelsConfig) => new ConnectorCatalog(INSTALLED_CONNECTORS, { sendTimeoutMs: config.sendTimeoutMs, jobPollMs: config.jobPollMs }),
      inject: [ChannelsConfig],
    },
    { provide: ChannelSenders, useExisting: ConnectorCatalog },
    {
      provide: ManageChannels,
      useFactory: (...ports: ConstructorParameters<typeof ManageChannels>) => new ManageChannels(...ports),
      inject: [ChannelRepository, ChannelSenders, SecretCipher, LocationRepository, ItemRepository, ConnectionRepository, Clock, IdGenerator],
    },
    {
      provide: DispatchChannels,
      useFactory: (outbox: ChannelOutbox, senders: ChannelSenders, cipher: SecretCipher, clock: Clock, config: ChannelsConfig, app: AppConfig) =>
        new DispatchChannels(outbox, senders, cipher, clock, {
          ...DEFAULT_DISPATCH_OPTIONS,
          leaseMs: config.leaseSeconds * 1000,
          maxAttempts: config.maxAttempts,
          backoffBaseMs: config.backoffBaseMs,
          backoffCapMs: config.backoffCapMs,
          acknowledgeBeforeSending: app.unsafeTestMode === 'ack-before-send',
        }),
      inject: [ChannelOutbox, ChannelSenders, SecretCipher, Clock, ChannelsConfig, AppConfig],
    },
    {
      provide: ChannelDispatcherService,
      useFactory: (dispatch: DispatchChannels, config: ChannelsConfig) => new ChannelDispatcherService(dispatch, config),
      inject: [DispatchChannels, ChannelsConfig],
    },
  ],
})
export class ChannelsModule {}
