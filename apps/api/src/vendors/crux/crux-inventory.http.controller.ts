import type { VendorAnswer } from '@tally/vendor-kit';
import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Put, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CruxErrorCodes, CruxInventoryHandler, cruxProblem, renderProblem } from '@tally/vendor-crux';
import type { FastifyReply } from 'fastify';
import { Public } from '../../http/auth/auth.decorators';
import { CRUX_BULK_ANSWER_SCHEMA, CRUX_ERROR_SCHEMA, CRUX_SUCCESS_SCHEMA, CRUX_UPDATE_SCHEMA } from './crux-openapi.schemas';

// Nest strips one trailing slash from a route path; Crux's paths end in one, so the second stays.
const SINGLE = 'products/skus/inventory//';
const BULK = 'products/skus/inventory/bulk//';

/** Sends a handler's answer as is. */
export function sendCrux(reply: FastifyReply, answer: VendorAnswer): unknown {
  reply.status(answer.status).headers(answer.headers);
  return answer.body;
}

const errors = (codes: Record<number, string>) =>
  Object.entries(codes).map(([status, description]) => ApiResponse({ status: Number(status), description, schema: CRUX_ERROR_SCHEMA }));

/** Crux TIMP `Update sku inventory`, one SKU per call or an array in the bulk sibling. */
@ApiTags('crux')
@Public()
@Controller('crux/timp')
export class CruxInventoryHttpController {
  // Each call is counted against its tenant's rate (ADR 0044) by the token check before its body
  // (credential-before-body.hook.ts): the handler checks a token once per group of calls.
  constructor(private readonly handler: CruxInventoryHandler) {}

  @Post(SINGLE)
  @HttpCode(200)
  @ApiOperation({
    summary: "Update one SKU's inventory (Crux TIMP)",
    description: "Sets the named inventory fields of the SKU at the connection's supplier location; fields left out keep their value.",
  })
  @ApiHeader({ name: 'Authorization', required: true, description: 'Token <auth_token> from POST /crux/timp/organizations/user-login/' })
  @ApiBody({ schema: CRUX_UPDATE_SCHEMA })
  @ApiResponse({ status: 200, description: 'Applied (or already so).', schema: CRUX_SUCCESS_SCHEMA })
  @ApiResponse({
    status: 202,
    description: 'Kept as this connection’s observation, not applied: the place follows another connection (code INVENTORY.OBSERVED_NOT_APPLIED).',
    schema: CRUX_ERROR_SCHEMA,
  })
  @applyAll(
    errors({
      400: 'Not a JSON object, malformed JSON, a missing identifier or field, a field of the wrong type or range.',
      401: 'Missing, unknown, expired or revoked token.',
      403: 'A field other than an identifier or an inventory field: only inventory fields may change.',
      404: 'No SKU with that identifier; the message names it and the valid identifier names.',
      413: 'Body too large.',
      415: 'The body is not JSON.',
      422: 'The identifier cannot name a SKU (bad check digit, wrong length) or several identifiers disagree.',
      503: 'The store stayed busy; retry.',
    }),
  )
  async update(@Headers('authorization') authorization: unknown, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return sendCrux(reply, await this.handler.update(authorization, body));
  }

  @Post(BULK)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Update many SKUs (Crux TIMP bulk)',
    description: 'An array of 1 to 1000 updates, each as in the single call; answers 200 with one {status_code, message} per element, in order.',
  })
  @ApiHeader({ name: 'Authorization', required: true, description: 'Token <auth_token>' })
  @ApiBody({ schema: { type: 'array', items: CRUX_UPDATE_SCHEMA } })
  @ApiResponse({ status: 200, description: 'One result per element.', schema: CRUX_BULK_ANSWER_SCHEMA })
  @applyAll(
    errors({
      400: 'Not a JSON array, or empty, or over 1000 elements.',
      401: 'Missing, unknown, expired or revoked token.',
      413: 'Body too large.',
      415: 'The body is not JSON.',
    }),
  )
  async bulk(@Headers('authorization') authorization: unknown, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    return sendCrux(reply, await this.handler.bulk(authorization, body));
  }

  // One decorator per handler: stacked method decorators overwrite each other in Nest.
  @Get([SINGLE, BULK])
  @ApiOperation({ summary: 'Not allowed: Crux answers 405 to any method but POST' })
  @applyAll(errors({ 405: 'Method not allowed; Allow: POST.' }))
  notAllowedGet(@Res({ passthrough: true }) reply: FastifyReply): unknown {
    return methodNotAllowed(reply);
  }

  @Put([SINGLE, BULK])
  @ApiOperation({ summary: 'Not allowed: Crux answers 405 to any method but POST' })
  @applyAll(errors({ 405: 'Method not allowed; Allow: POST.' }))
  notAllowedPut(@Res({ passthrough: true }) reply: FastifyReply): unknown {
    return methodNotAllowed(reply);
  }

  @Patch([SINGLE, BULK])
  @ApiOperation({ summary: 'Not allowed: Crux answers 405 to any method but POST' })
  @applyAll(errors({ 405: 'Method not allowed; Allow: POST.' }))
  notAllowedPatch(@Res({ passthrough: true }) reply: FastifyReply): unknown {
    return methodNotAllowed(reply);
  }

  @Delete([SINGLE, BULK])
  @ApiOperation({ summary: 'Not allowed: Crux answers 405 to any method but POST' })
  @applyAll(errors({ 405: 'Method not allowed; Allow: POST.' }))
  notAllowedDelete(@Res({ passthrough: true }) reply: FastifyReply): unknown {
    return methodNotAllowed(reply);
  }
}

function methodNotAllowed(reply: FastifyReply): unknown {
  return sendCrux(reply, renderProblem(cruxProblem(405, CruxErrorCodes.methodNotAllowed, [{ field: 'method', message: 'method not allowed: use POST' }])));
}

function applyAll(decorators: MethodDecorator[]): MethodDecorator {
  return (target, key, descriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor);
  };
}
