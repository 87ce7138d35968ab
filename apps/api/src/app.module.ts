import { TerminusModule } from '@nestjs/terminus';
import { ReadinessHttpController } from './health/readiness.http.controller';
import { MetricsModule } from './metrics/metrics.module';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ApiKeysHttpController } from './access/api-keys.http.controller';
import { SessionHttpController } from './access/session/session.http.controller';
import { SessionStore } from './access/session/session.store';
import { SignInLimiter } from './access/session/sign-in.limiter';
import { TenantsHttpController } from './access/tenants.http.controller';
import { ItemEditingHttpController } from './catalog/item-editing.http.controller';
import { IdentityDiscrepanciesHttpController } from './catalog/identity-discrepancies.http.controller';
import { ItemsHttpController } from './catalog/items.http.controller';
import { ItemOverviewHttpController } from './catalog/item-overview.http.controller';
import { LowStockHttpController } from './catalog/low-stock.http.controller';
import { StatsHttpController } from './stats/stats.http.controller';
import { LocationsHttpController } from './catalog/locations.http.controller';
import type { AppConfig } from '@tally/platform-node';
import { ConfigModule } from './config/config.module';
import { ConnectionsHttpController } from './connections/connections.http.controller';
import { ConnectionActivityModule } from './connections/connection-activity.module';
import { DiscrepanciesHttpController } from './discrepancies/discrepancies.http.controller';
import { HealthHttpController } from './health/health.http.controller';
import { ApiKeyAuthGuard } from './http/auth/api-key.auth.guard';
import { AuthFailureThrottle, describeTrip } from './http/auth/auth-failure.throttle';
import { AuthFailureSharing } from './http/auth/auth-failure.sharing';
import { AuthFailureThrottleGuard } from './http/auth/auth-failure-throttle.guard';
import { PresentedCredentialReader } from './http/auth/presented-credential.reader';
import { ProblemDetailsExceptionFilter } from './http/problem/problem-details.exception-filter';
import { LedgerHttpController } from './ledger/ledger.http.controller';
import type { PersistenceHandle } from './platform/persistence.handle';
import { PersistenceModule } from './platform/persistence.module';
import { UseCasesModule } from './platform/use-cases.module';
import { StockExportHttpController } from './stock/stock-export.http.controller';
import { StockLevelsHttpController } from './stock/stock-levels.http.controller';
import { StockWriteService } from './stock/stock-write.service';
import { UnsafeStockWriteService } from './stock/unsafe-stock-write.service';
import { StockWritesHttpController } from './stock/stock-writes.http.controller';
import { VerifyHttpController } from './verify/verify.http.controller';
import { HousekeepingModule } from './housekeeping/housekeeping.module';
import { ChannelsModule } from './channels/channels.module';
import type { DialectCatalog } from './dialects/dialect.catalog';
import { DialectsModule } from './dialects/dialects.module';
import { INSTALLED_DIALECTS } from './dialects/installed-dialects.list';
import { LoggingModule } from './logging/logging.module';
import type { RootLogger } from './logging/root.logger';

/** The composition root: logging, configuration, persistence, use cases, the canonical HTTP API and the installed dialects. */
@Module({})
export class AppModule {
  static register(config: AppConfig, persistence: PersistenceHandle, dialects: DialectCatalog, logging: RootLogger): DynamicModule {
    const { throttle, sharing } = authFailureThrottleOf(config, persistence);
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(logging),
        ConfigModule.forRoot(config),
        PersistenceModule.forRoot(persistence),
        UseCasesModule,
        ConnectionActivityModule,
        DialectsModule.forRoot(INSTALLED_DIALECTS, dialects),
        HousekeepingModule,
        ChannelsModule,
        MetricsModule,
        TerminusModule.forRoot({ errorLogStyle: 'pretty', logger: false }),
      ],
      controllers: [
        HealthHttpController,
        ReadinessHttpController,
        SessionHttpController,
        TenantsHttpController,
        ApiKeysHttpController,
        ConnectionsHttpController,
        ItemOverviewHttpController,
        LowStockHttpController,
        ItemsHttpController,
        StatsHttpController,
        ItemEditingHttpController,
        IdentityDiscrepanciesHttpController,
        LocationsHttpController,
        StockExportHttpController,
        StockLevelsHttpController,
        StockWritesHttpController,
        LedgerHttpController,
        DiscrepanciesHttpController,
        VerifyHttpController,
      ],
      providers: [
        { provide: StockWriteService, useClass: config.unsafeTestMode ? UnsafeStockWriteService : StockWriteService },
        SessionStore,
        { provide: SignInLimiter, useValue: new SignInLimiter(config.sessions) },
        { provide: AuthFailureThrottle, useValue: throttle },
        // Its shutdown hook writes the failures still queued before the database closes.
        ...(sharing ? [{ provide: AuthFailureSharing, useValue: sharing }] : []),
        PresentedCredentialReader,
        { provide: APP_GUARD, useClass: AuthFailureThrottleGuard },
        { provide: APP_GUARD, useClass: ApiKeyAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsExceptionFilter },
      ],
    };
  }
}

/**
 * The failed-authentication throttle of the configuration, logging each trip as a warning, and
 * sharing its failures with the other processes where the database is shared (ADR 0057).
 */
function authFailureThrottleOf(config: AppConfig, persistence: PersistenceHandle): { throttle: AuthFailureThrottle; sharing: AuthFailureSharing | null } {
  const logger = new Logger('AuthThrottle');
  const windowMs = config.authFailureWindowSeconds * 1000;
  const sharing =
    persistence.sharedFailures && config.unsafeTestMode !== 'unshared-auth-failures'
      ? new AuthFailureSharing(persistence.sharedFailures, windowMs, { onError: (message) => logger.warn(message) })
      : null;
  const throttle = new AuthFailureThrottle(config.authFailureLimit, windowMs, {
    mode: config.unsafeTestMode === 'throttle-by-address' ? 'address-only' : 'address-and-credential',
    onTrip: (trip) => logger.warn(describeTrip(trip)),
    onFailure: sharing ? (failure) => sharing.add(failure) : undefined,
  });
  sharing?.start(throttle);
  return { throttle, sharing };
}
