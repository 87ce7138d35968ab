import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  AccessTokenRepository,
  ChannelOutbox,
  ChannelRepository,
  ConnectionRepository,
  CredentialChanges,
  InventoryReader,
  InventoryStore,
  IdentityDiscrepancyRepository,
  ItemOverviewReader,
  ItemRepository,
  LocationRepository,
  PlaceNumberRepository,
  SessionRepository,
  TenantRepository,
} from '@tally/inventory-application';
import { PersistenceHandle } from './persistence.handle';

const PORTS = [
  AccessTokenRepository,
  TenantRepository,
  ConnectionRepository,
  ItemRepository,
  IdentityDiscrepancyRepository,
  LocationRepository,
  PlaceNumberRepository,
  InventoryStore,
  InventoryReader,
  ChannelRepository,
  ChannelOutbox,
  SessionRepository,
  CredentialChanges,
  ItemOverviewReader,
];

/** Provides every persistence port from one opened {@link PersistenceHandle}, and closes it on shutdown. */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(PersistenceHandle) private readonly handle: PersistenceHandle) {}

  static forRoot(handle: PersistenceHandle): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: PersistenceHandle, useValue: handle },
        { provide: TenantRepository, useValue: handle.tenants },
        { provide: AccessTokenRepository, useValue: handle.accessTokens },
        { provide: ConnectionRepository, useValue: handle.connections },
        { provide: ItemRepository, useValue: handle.items },
        { provide: IdentityDiscrepancyRepository, useValue: handle.identityDiscrepancies },
        { provide: LocationRepository, useValue: handle.locations },
        { provide: PlaceNumberRepository, useValue: handle.placeNumbers },
        { provide: InventoryStore, useValue: handle.store },
        { provide: InventoryReader, useValue: handle.reader },
        { provide: ChannelRepository, useValue: handle.channels },
        { provide: ChannelOutbox, useValue: handle.channelOutbox },
        { provide: SessionRepository, useValue: handle.sessions },
        { provide: CredentialChanges, useValue: handle.credentialChanges },
        { provide: ItemOverviewReader, useValue: handle.itemOverview },
      ],
      exports: [PersistenceHandle, ...PORTS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.handle.close();
  }
}
