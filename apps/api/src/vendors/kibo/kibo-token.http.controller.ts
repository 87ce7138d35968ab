import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBasicAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { KiboTokenHandler } from '@tally/vendor-kibo';
import type { FastifyReply } from 'fastify';
import { Public } from '../../http/auth/auth.decorators';
import { sendKibo } from './kibo-inventory.http.controller';
import { KiboTokenDto, KiboTokenRequestDto, OAuthErrorDto } from './kibo.dto';

/** Kibo's OAuth2 client-credentials token endpoint. */
@ApiTags('kibo')
@ApiBasicAuth()
@Public()
@Controller('kibo/oauthserver/oauth2')
export class KiboTokenHttpController {
  constructor(private readonly handler: KiboTokenHandler) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange the connection API key and secret (HTTP Basic) for a bearer token of an hour' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({ type: KiboTokenRequestDto })
  @ApiOkResponse({ type: KiboTokenDto })
  @ApiResponse({ status: 400, type: OAuthErrorDto })
  @ApiResponse({ status: 401, type: OAuthErrorDto })
  async token(@Headers('authorization') authorization: string | undefined, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    sendKibo(reply, await this.handler.token(authorization, body));
  }
}
