import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CruxInventoryHandler } from '@tally/vendor-crux';
import type { FastifyReply } from 'fastify';
import { Public } from '../../http/auth/auth.decorators';
import { sendCrux } from './crux-inventory.http.controller';
import { CRUX_ERROR_SCHEMA, CRUX_LOGIN_SCHEMA, CRUX_TOKEN_SCHEMA } from './crux-openapi.schemas';

/** Crux TIMP login: a connection's credentials for a two-hour `auth_token`. */
@ApiTags('crux')
@Public()
@Controller('crux/timp/organizations')
export class CruxLoginHttpController {
  constructor(private readonly handler: CruxInventoryHandler) {}

  // Nest strips one trailing slash from a route path; Crux's path ends in one, so the second stays.
  @Post('user-login//')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in (Crux TIMP)', description: "username = the Crux connection's credentialId, password = its secret." })
  @ApiBody({ schema: CRUX_LOGIN_SCHEMA })
  @ApiResponse({ status: 200, description: 'The token; send it as `Authorization: Token <auth_token>`.', schema: CRUX_TOKEN_SCHEMA })
  @ApiResponse({ status: 400, description: 'Not a JSON object, or a missing or unknown field.', schema: CRUX_ERROR_SCHEMA })
  @ApiResponse({ status: 401, description: 'Wrong credentials or a revoked connection.', schema: CRUX_ERROR_SCHEMA })
  async login(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return sendCrux(reply, await this.handler.login(body));
  }
}
