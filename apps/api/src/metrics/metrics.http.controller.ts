import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, HttpException, NotFoundException, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/auth/auth.decorators';
import { parseBearerToken } from '@tally/vendor-kit';
import { MetricsConfig } from './metrics.config';
import { MetricsRegistry } from './metrics.registry';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * `GET /metrics` on the main port, for a scraper presenting METRICS_KEY as a bearer token; not
 * found when no key is set (the metrics port, if any, serves them instead). Left out of the
 * OpenAPI document: it is for Prometheus, not for API clients.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsHttpController {
  // The key is kept as its digest and compared in constant time, like every secret Tally checks.
  private readonly keyDigest: Buffer | null;

  constructor(
    config: MetricsConfig,
    private readonly metrics: MetricsRegistry,
  ) {
    this.keyDigest = config.key === null ? null : digest(config.key);
  }

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    if (this.keyDigest === null) throw new NotFoundException('metrics are not served on this port: set METRICS_KEY, or read them on METRICS_PORT');
    const presented = authorization === undefined ? null : parseBearerToken(authorization);
    if (presented === null || !timingSafeEqual(digest(presented), this.keyDigest)) {
      throw new HttpException('send the metrics key as "Authorization: Bearer <METRICS_KEY>"', 401);
    }
    const { contentType, text } = await this.metrics.exposition();
    reply.header('content-type', contentType).header('cache-control', 'no-store');
    return text;
  }
}
