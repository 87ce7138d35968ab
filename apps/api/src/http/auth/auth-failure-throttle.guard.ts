import { HttpException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFailureThrottle, type ThrottleRefusal } from './auth-failure.throttle';
import { API_KEY_IN_BODY, PUBLIC_ROUTE } from './auth.decorators';
import { PresentedCredentialReader } from './presented-credential.reader';

/**
 * Runs before every other guard: reads the credential the request presents and refuses it with
 * 429 (rendered in the dialect of the path by the exception filter) and Retry-After when the
 * throttle says so; a request that presents none is never refused.
 */
@Injectable()
export class AuthFailureThrottleGuard implements CanActivate {
  constructor(
    private readonly throttle: AuthFailureThrottle,
    private readonly credentials: PresentedCredentialReader,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const credential = this.credentials.read(request, {
      isPublic: this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false,
      apiKeyField: this.reflector.getAllAndOverride<string>(API_KEY_IN_BODY, targets),
    });
    const refusal = this.throttle.refusal(request.ip, credential);
    if (refusal === null) return true;
    context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(refusal.retryAfterSeconds));
    throw throttledException(refusal);
  }
}

/** The 429 of a refused credential, rendered in the dialect of the path; Retry-After is the caller's to set. */
export function throttledException(refusal: ThrottleRefusal): HttpException {
  const why =
    refusal.reason === 'credential'
      ? 'too many failed authentications with this credential'
      : 'too many failed authentications from this client, this credential among them';
  return new HttpException(`${why}; retry in ${refusal.retryAfterSeconds} s`, 429);
}
