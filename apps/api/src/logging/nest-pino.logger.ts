import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** Nest's own start-up chatter (modules loaded, each route mapped): debug, not info. */
const FRAMEWORK_CONTEXTS: ReadonlySet<string> = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * Nest's logger, written through nestjs-pino (every `new Logger(context)` of the app ends here,
 * with its context as a field), with Nest's framework lines at debug level: an operator at the
 * default level sees Tally's lines, not ninety lines of route mapping.
 */
@Injectable()
export class NestPinoLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && FRAMEWORK_CONTEXTS.has(context)) super.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
