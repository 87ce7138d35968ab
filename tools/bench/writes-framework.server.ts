/**
 * The framework-alone baseline of `npm run bench:writes`: NestJS 11 on Fastify with the API's
 * adapter options and JSON-only hook, every single-write route of the benchmark at the API's
 * path, each running the validation Tally runs on it, and answering a success of the route's
 * shape, without authentication or a database:
 * - the canonical `/api/v1/stock-levels/*` routes: the API's global validation pipe
 *   (`ApiValidationPipe`) on the API's own request DTOs, both loaded from the built API, so
 *   they are the very classes Tally validates with;
 * - the vendor routes: their lib's parser (Comestri `parseInventoryRequest`, Marketplacer
 *   `parseInventoryDocument`, RetailOPS `parseEnvelope` and `parseSkus`, Crux `parseCruxUpdate`).
 * Prints its URL.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { Body, Controller, Delete, HttpCode, Module, Post, Put, Res, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { API_MAIN } from '@tally/test-support';
import { parseInventoryRequest, renderInvalid } from '@tally/vendor-comestri';
import { parseCruxUpdate, renderProblem, renderSuccess } from '@tally/vendor-crux';
import { isJsonObject } from '@tally/vendor-kit';
import { documentAnswer, errorAnswer, parseInventoryDocument } from '@tally/vendor-marketplacer';
import { parseEnvelope, parseSkus, shapeOf, renderEvents } from '@tally/vendor-retailops';
import type { FastifyReply } from 'fastify';

/** A module of the built API (apps/api/dist), loaded at run time: the benchmark imports none of the app's sources. */
// The built API's exports are read by name; their types are the app's, not the benchmark's.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const builtApi = (path: string): any => require(join(dirname(API_MAIN), path));
const dtos = builtApi('stock/stock-write-request.dto.js');
const { ApiValidationPipe } = builtApi('http/validation/api-validation.pipe.js');
const apiPipe: PipeTransform = new ApiValidationPipe();

/** The API's global pipe on one DTO: the DTO cannot come from a parameter's design type here. */
const validated = (dto: unknown): PipeTransform => ({
  transform: (value: unknown, metadata: ArgumentMetadata) => apiPipe.transform(value, { ...metadata, metatype: dto as ArgumentMetadata['metatype'] }),
});

const ID = '00000000-0000-4000-8000-000000000000';
const SINGLE = { status: 'applied', itemId: ID, locationId: ID, itemCreated: false, warnings: [] };

@Controller('api/v1/stock-levels')
class CanonicalController {
  @Post('set') @HttpCode(200) set(@Body(validated(dtos.SetStockRequestDto)) _body: unknown): unknown {
    return SINGLE;
  }
  @Post('adjust') @HttpCode(200) adjust(@Body(validated(dtos.AdjustStockRequestDto)) _body: unknown): unknown {
    return SINGLE;
  }
  @Post('compare-and-set') @HttpCode(200) compareAndSet(@Body(validated(dtos.CompareAndSetStockRequestDto)) _body: unknown): unknown {
    return SINGLE;
  }
  @Post('remove') @HttpCode(200) remove(@Body(validated(dtos.RemoveStockRequestDto)) _body: unknown): unknown {
    return SINGLE;
  }
  @Post('batch') @HttpCode(200) batch(@Body(validated(dtos.StockBatchRequestDto)) body: { lines: unknown[] }): unknown {
    const lines = body.lines.map((_, n) => ({ lineNo: n + 1, status: 'applied', itemId: ID, locationId: ID, warnings: [] }));
    return { lines, counts: { applied: lines.length, unchanged: 0, observed: 0, stale: 0, conflict: 0, rejected: 0 }, createdItemIds: [] };
  }
}

@Controller()
class VendorController {
  @Post('comestri/api/v2/inventories')
  comestri(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): unknown {
    const parsed = parseInventoryRequest(body);
    if (!parsed.ok) return send(reply, renderInvalid(parsed.error));
    const input = parsed.value;
    reply.status(201).header('x-tally-update-status', 'applied');
    return { id: 1, support_shipping: true, inventory_source: { id: ID, name: input.inventorySource }, product_code: input.productCode, qty: input.qty };
  }

  @Put('marketplacer/api/v2/client/variants/:variantId/inventories')
  marketplacerPut(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): unknown {
    const parsed = parseInventoryDocument(body);
    if (!parsed.ok) return send(reply, errorAnswer(parsed.error));
    const data = parsed.value.map((input) => ({ id: 2, type: 'inventories', attributes: { count_on_hand: input.countOnHand ?? 0, infinite: false } }));
    return send(reply, documentAnswer(200, { data }));
  }

  @Delete('marketplacer/api/v2/client/variants/:variantId/inventories/:inventoryId')
  @HttpCode(204)
  marketplacerDelete(): void {
    return undefined;
  }

  @Post('retailops/inventory_push_v1')
  @HttpCode(200)
  retailops(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): unknown {
    if (!isJsonObject(body)) return send(reply, { status: 400, headers: {}, body: { events: [] } });
    const shape = shapeOf(body);
    const envelope = parseEnvelope(body);
    const skus = envelope.ok ? parseSkus(body, shape) : null;
    if (!envelope.ok || !skus?.ok) return send(reply, { status: 400, headers: {}, body: renderEvents(shape, []) });
    return renderEvents(shape, []);
  }

  @Post('crux/timp/products/skus/inventory//')
  @HttpCode(200)
  crux(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): unknown {
    const parsed = parseCruxUpdate(body);
    return send(reply, parsed.ok ? renderSuccess() : renderProblem(parsed.error));
  }
}

function send(reply: FastifyReply, answer: { status: number; headers: Readonly<Record<string, string>>; body: unknown }): unknown {
  reply.status(answer.status).headers({ ...answer.headers });
  return answer.body;
}

@Module({ controllers: [CanonicalController, VendorController] })
class FrameworkAloneModule {}

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

async function main(): Promise<void> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, onProtoPoisoning: 'error', onConstructorPoisoning: 'error' });
  const app = await NestFactory.create<NestFastifyApplication>(FrameworkAloneModule, adapter, { logger: ['error'] });
  // The API's hook (request-shape.hooks.ts): bodies must be JSON.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request) => {
      const type = request.headers['content-type'];
      if ((request.method === 'POST' || request.method === 'PUT') && (!type || !JSON_TYPE.test(type))) {
        throw Object.assign(new Error('not json'), { statusCode: 415 });
      }
    });
  app.enableShutdownHooks();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`bench server listening on http://127.0.0.1:${port}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
