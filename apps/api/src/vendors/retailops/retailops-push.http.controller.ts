import { Body, Controller, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RetailopsPushHandler } from '@tally/vendor-retailops';
import type { FastifyReply } from 'fastify';
import { Public } from '../../http/auth/auth.decorators';
import { connectionSeenBy } from '../../logging/request-log.facts';
import { RETAILOPS_EVENTS_SCHEMA, RETAILOPS_PUSH_SCHEMA } from './retailops-push.openapi';

/** RetailOPS `inventory_push` v1 webhooks, in the document's and the SDK's shape. */
@ApiTags('retailops')
@Public()
@Controller('retailops')
export class RetailopsPushHttpController {
  constructor(private readonly handler: RetailopsPushHandler) {}

  @Post(['inventory_push_v1', 'orders'])
  @HttpCode(200)
  @ApiOperation({
    summary: "inventory_push v1 (the SDK path; POST /retailops/orders is the document's spelling of the same endpoint)",
    description:
      "Accepts both shapes: the SDK's (`inventory_updates[]`) and the document's (`data.inventory.data`). " +
      'Authenticated by `integration_auth_token` (`<credentialId>.<secret>`) or HTTP Basic (credentialId / secret). ' +
      "Answers 200 with one event per failed or noteworthy SKU, in the field names of the request's shape.",
  })
  @ApiHeader({ name: 'Authorization', required: false, description: 'Basic <base64(credentialId:secret)>, when the body has no integration_auth_token.' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Optional (a push is a snapshot: a retry changes nothing anyway). For 24 hours, a retry with the same key and body gets the stored answer ' +
      'with `Idempotency-Replayed: true`; the same key with another body gets 422 IDEMPOTENCY.KEY_REUSED.',
  })
  @ApiQuery({
    name: 'connection',
    required: false,
    description: "The connection's credentialId: names the connection a request with the test key RETAILOPS_SDK is for.",
  })
  @ApiBody({ schema: RETAILOPS_PUSH_SCHEMA })
  @ApiResponse({ status: 200, description: 'Authenticated and parsed; events (empty when all is well).', schema: RETAILOPS_EVENTS_SCHEMA })
  @ApiResponse({ status: 400, description: 'Not JSON, not an object, or an invalid envelope field (named in the event).', schema: RETAILOPS_EVENTS_SCHEMA })
  @ApiResponse({ status: 401, description: 'Missing or wrong token; carries WWW-Authenticate: Basic.', schema: RETAILOPS_EVENTS_SCHEMA })
  @ApiResponse({ status: 413, description: 'Body too large (RETAILOPS_PUSH_BODY_LIMIT).', schema: RETAILOPS_EVENTS_SCHEMA })
  @ApiResponse({ status: 422, description: 'The Idempotency-Key was already used with another body.', schema: RETAILOPS_EVENTS_SCHEMA })
  @ApiResponse({ status: 415, description: 'Not sent as application/json.', schema: RETAILOPS_EVENTS_SCHEMA })
  async push(
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Query('connection') connection: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    // A repeated or empty parameter names no connection and must not match one.
    const named = connection === undefined ? undefined : typeof connection === 'string' && connection ? connection : '';
    const answer = await this.handler.handle({ body, authorization, connection: named, idempotencyKey, seen: connectionSeenBy(reply.request) });
    reply.status(answer.status).headers(answer.headers).type('application/json; charset=utf-8');
    return answer.body;
  }
}
