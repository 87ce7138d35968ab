import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeysHttpController } from './access/api-keys.http.controller';
import { TenantOnboardingService } from './access/tenant-onboarding.service';
import { SessionHttpController } from './access/session/session.http.controller';
import { SessionStore } from './access/session/session.store';
import { TenantsHttpController } from './access/tenants.http.controller';
import { ItemEditingHttpController } from './catalog/item-editing.http.controller';
import { IdentityDiscrepanciesHttpController } from './catalog/identity-discrepancies.http.controller';
import { ItemsHttpController } from './catalog/items.http.controller';
import { LocationsHttpController } from './catalog/locations.http.controller';
import type { AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { ConnectionsHttpController } from './connections/connections.http.controller';
import { DiscrepanciesHttpController } from './discrepancies/discrepancies.http.controller';
import { HealthHttpController } from './health/health.http.controller';
import { ApiKeyAuthGuard } from './http/auth/api-key.auth.guard';
import { AuthFailureThrottle } from './http/auth/auth-failure.throttle';
import { AuthFailureThrottleGuard } from './http/auth/auth-failure-throttle.guard';
import { DialectsModule } from './http/dialects/dialects.module';
import { ProblemDetailsExceptionFilter } from './http/problem/problem-details.exception-filter';
import { LedgerHttpController } from './ledger/ledger.http.controller';
import type { PersistenceHandle } from './platform/persistence.handle';
import { PersistenceModule } from './platform/persistence.module';
import { UseCasesModule } from './platform/use-cases.module';
import { StockLevelsHttpController } from './stock/stock-levels.http.controller';
import { StockWriteService } from './stock/stock-write.service';
import { UnsafeStockWriteService } from './stock/unsafe-stock-write.service';
import { StockWritesHttpController } from './stock/stock-writes.http.controller';
import { VerifyHttpController } from './verify/verify.http.controller';
import { MarketplacerModule } from './vendors/marketplacer/marketplacer.module';
import { ComestriModule } from './vendors/comestri/comestri.module';
import { RetailopsModule } from './vendors/retailops/retailops.module';
import { CruxModule } from './vendors/crux/crux.module';
import { KiboModule } from './vendors/kibo/kibo.module';
import { HousekeepingModule } from './housekeeping/housekeeping.module';

/** The composition root: configuration, persistence, use cases and the canonical HTTP API. */
@Module({})
export class AppModule {
  static register(config: AppConfig, persistence: PersistenceHandle): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(persistence), UseCasesModule, DialectsModule, ComestriModule, RetailopsModule, MarketplacerModule, CruxModule, KiboModule, HousekeepingModule],
      controllers: [
        HealthHttpController,
        SessionHttpController,
        TenantsHttpController,
        ApiKeysHttpController,
        ConnectionsHttpController,
        ItemsHttpController,
        ItemEditingHttpController,
        IdentityDiscrepanciesHttpController,
        LocationsHttpController,
        StockLevelsHttpController,
        StockWritesHttpController,
        LedgerHttpController,
        DiscrepanciesHttpController,
        VerifyHttpController,
      ],
      providers: [
        { provide: StockWriteService, useClass: config.unsafeTestMode ? UnsafeStockWriteService : StockWriteService },
        TenantOnboardingService,
        SessionStore,
        { provide: AuthFailureThrottle, useValue: new AuthFailureThrottle(config.authFailureLimit, config.authFailureWindowSeconds * 1000) },
        { provide: APP_GUARD, useClass: AuthFailureThrottleGuard },
        { provide: APP_GUARD, useClass: ApiKeyAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsExceptionFilter },
      ],
    };
  }
}
