/**
 * Baseline 1 of `npm run bench:push`: the API's framework alone. NestJS 11 on Fastify with the
 * API's adapter options (body limit, prototype-poisoning checks) and its JSON-only hook, one
 * route at the Crux path that runs the same validation as Tally (`parseCruxUpdate`) and
 * answers the same body, without authentication or a database. Prints its URL.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Body, Controller, HttpCode, Module, Post, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseCruxUpdate, renderProblem, renderSuccess } from '@tally/vendor-crux';
import type { FastifyReply } from 'fastify';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

@Controller('crux/timp')
class FrameworkAloneController {
  @Post('products/skus/inventory//')
  @HttpCode(200)
  update(@Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): unknown {
    const parsed = parseCruxUpdate(body);
    const answer = parsed.ok ? renderSuccess() : renderProblem(parsed.error);
    reply.status(answer.status).headers(answer.headers);
    return answer.body;
  }
}

@Module({ controllers: [FrameworkAloneController] })
class FrameworkAloneModule {}

async function main(): Promise<void> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, onProtoPoisoning: 'error', onConstructorPoisoning: 'error' });
  const app = await NestFactory.create<NestFastifyApplication>(FrameworkAloneModule, adapter, { logger: ['error'] });
  // The API's hook (request-shape.hooks.ts): bodies must be JSON.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request) => {
      const type = request.headers['content-type'];
      if (request.method === 'POST' && (!type || !JSON_TYPE.test(type))) throw Object.assign(new Error('not json'), { statusCode: 415 });
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
