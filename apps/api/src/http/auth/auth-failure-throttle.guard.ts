import { HttpException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthFailureThrottle } from './auth-failure.throttle';

/**
 * Runs before every other guard: a client with too many recent failed authentications gets 429
 * (rendered in the dialect of the path by the exception filter) with Retry-After.
 */
@Injectable()
export class AuthFailureThrottleGuard implements CanActivate {
  constructor(private readonly throttle: AuthFailureThrottle) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const retryAfter = this.throttle.retryAfterSeconds(request.ip);
    if (retryAfter === null) return true;
    context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(retryAfter));
    throw new HttpException(`too many failed authentications from this client; retry in ${retryAfter} s`, 429);
  }
}
