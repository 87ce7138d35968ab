import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { LifecycleLogger } from './lifecycle.logger';
import { NestPinoLogger } from './nest-pino.logger';
import { ROOT_LOGGER } from './logging.tokens';
import type { RootLogger } from './root.logger';

/**
 * Nest's logging through nestjs-pino on the process's root pino logger (ADR 0052). Its request
 * middleware is mounted on no route: the request lines are written by Fastify hooks
 * (`logRequests`), which cost no AsyncLocalStorage and no child logger per request.
 */
@Module({})
export class LoggingModule {
  static forRoot(root: RootLogger): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root.logger }, forRoutes: [] })],
      providers: [{ provide: ROOT_LOGGER, useValue: root }, NestPinoLogger, LifecycleLogger],
      exports: [ROOT_LOGGER, NestPinoLogger],
    };
  }
}
