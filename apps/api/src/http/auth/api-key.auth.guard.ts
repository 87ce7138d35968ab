import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApplicationError, ApplicationErrorCodes, ManageAccess, type Principal } from '@tally/inventory-application';
import { parseBearerToken } from '@tally/vendor-kit';
import { sessionTokenOf } from '../../access/session/session.cookie';
import { presentedApiKey } from './api-key.credential';
import { SessionStore } from '../../access/session/session.store';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '@tally/platform-node';
import { ADMIN_ONLY, OPERATOR_ONLY, PUBLIC_ROUTE, type AuthenticatedRequest } from './auth.decorators';
import { isCrossOrigin } from './cross-origin.util';
import { TenantRequestLimiter } from './tenant-request.limiter';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authenticates `Authorization: Bearer <API key>` (or, without that header, the console's
 * session cookie) on every route not marked public and enforces the role: read-only keys may
 * only read, whichever way they came in. A write with the cookie must come from the console's
 * own origin: a browser rides cookies on a form posted from another origin of the same site,
 * and the body-less writes (rotate, revoke, verify with repair) need nothing else.
 */
@Injectable()
export class ApiKeyAuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly access: ManageAccess,
    private readonly sessions: SessionStore,
    private readonly config: AppConfig,
    private readonly limiter: TenantRequestLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & FastifyRequest>();
    const header = request.headers['authorization'];
    const sessionToken = header === undefined ? sessionTokenOf(request.headers['cookie'], request.protocol === 'https') : null;
    if (sessionToken) {
      const principal = await this.sessions.principalOf(sessionToken);
      if (!principal) throw new ApplicationError(ApplicationErrorCodes.unauthenticated, 'the session has ended; sign in again', 'Cookie');
      if (!READ_METHODS.has(request.method) && isCrossOrigin(request.headers, request.host)) {
        throw new ApplicationError(
          ApplicationErrorCodes.forbidden,
          'a write with the session cookie must come from the console itself; this one came from another origin',
          'Origin',
        );
      }
      return this.admit(principal, targets, request);
    }
    const key = presentedApiKey(parseBearerToken(header));
    if (!key) {
      throw new ApplicationError(ApplicationErrorCodes.unauthenticated, 'send an API key as "Authorization: Bearer <key>"', 'Authorization');
    }
    const principal = await this.access.authenticate(key);
    if (!principal) {
      // The log-scan negative control of the reliability suite (ADR 0020); never on outside tests.
      if (this.config.unsafeTestMode === 'log-secrets') this.logger.warn(`refused API key ${key}`);
      throw new ApplicationError(ApplicationErrorCodes.unauthenticated, 'the API key is unknown or revoked', 'Authorization');
    }
    return this.admit(principal, targets, request);
  }

  private admit(principal: Principal, targets: Parameters<Reflector['getAllAndOverride']>[1], request: AuthenticatedRequest & { method: string }): boolean {
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets);
    if (principal.role === 'read_only' && (adminOnly || !READ_METHODS.has(request.method))) {
      throw new ApplicationError(ApplicationErrorCodes.forbidden, 'this API key is read-only; the route needs an admin key');
    }
    // Counted once the tenant is known: a 429 in the canonical shape, with Retry-After (ADR 0044).
    this.limiter.admit(principal.tenantId);
    // The `any-admin-opens-tenants` negative control of check 7 (ADR 0020) skips this; never on outside tests.
    const operatorOnly = this.config.unsafeTestMode !== 'any-admin-opens-tenants' && this.reflector.getAllAndOverride<boolean>(OPERATOR_ONLY, targets);
    if (principal.role !== 'operator' && operatorOnly) {
      throw new ApplicationError(
        ApplicationErrorCodes.operatorRequired,
        "only the operator key may open tenants (the bootstrap key, or one it created); a tenant's admin key may not",
      );
    }
    request.principal = principal;
    return true;
  }
}
