import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApplicationError, ApplicationErrorCodes, type Principal } from '@tally/inventory-application';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { presentedApiKey } from '../../http/auth/api-key.credential';
import { ApiKeyInBody, Public } from '../../http/auth/auth.decorators';
import { ApiProblems } from '../../http/common/problem-details.dto';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session.cookie';
import { SessionDto, SessionStateDto, SignInDto } from './session.dto';
import { SessionStore } from './session.store';
import { SignInLimiter } from './sign-in.limiter';

/** Console sign-in: trades an API key for an HttpOnly session cookie (ADR 0014). */
@ApiTags('session')
@Controller('api/v1/session')
export class SessionHttpController {
  constructor(
    private readonly sessions: SessionStore,
    private readonly limiter: SignInLimiter,
  ) {}

  @Post()
  @Public()
  @ApiKeyInBody('apiKey')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with an API key; answers who it is and sets the HttpOnly session cookie' })
  @ApiOkResponse({ type: SessionDto })
  @ApiProblems(400, 401, 415, 422, 429)
  async signIn(@Body() body: SignInDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionDto> {
    const wait = this.limiter.attempt(body.apiKey, request.ip);
    if (wait !== null) {
      reply.header('retry-after', String(wait));
      throw new ApplicationError(ApplicationErrorCodes.tooManySignIns, `too many sign-ins with this API key or from this client; retry in ${wait} s`, 'apiKey');
    }
    const key = presentedApiKey(body.apiKey);
    const session = key ? await this.sessions.open(key) : null;
    if (!session) throw new ApplicationError(ApplicationErrorCodes.unauthenticated, 'the API key is unknown or revoked', 'apiKey');
    reply.header('set-cookie', sessionCookie(session.token, this.sessions.maxAgeSeconds, request.protocol === 'https'));
    reply.header('cache-control', 'no-store');
    return viewOf(session.principal);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether the session cookie is signed in, and as whom (answers 200 either way)' })
  @ApiOkResponse({ type: SessionStateDto })
  async current(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionStateDto> {
    reply.header('cache-control', 'no-store');
    const token = sessionTokenOf(request.headers.cookie, request.protocol === 'https');
    const principal = token ? await this.sessions.principalOf(token) : null;
    return principal ? { signedIn: true, session: viewOf(principal) } : { signedIn: false, session: null };
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookie' })
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session).' })
  async signOut(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const token = sessionTokenOf(request.headers.cookie, request.protocol === 'https');
    if (token) await this.sessions.close(token);
    reply.header('set-cookie', clearedSessionCookie(request.protocol === 'https'));
  }
}

function viewOf(principal: Principal): SessionDto {
  return { tenantId: principal.tenantId, keyId: principal.keyId, role: principal.role };
}
