import type { OpenAPIObject } from '@nestjs/swagger';
import { withTooManyRequests } from './openapi.setup';

describe('withTooManyRequests', () => {
  it('documents 429 with Retry-After on every operation and keeps one an operation documents itself', () => {
    const own = { description: 'More than 50 requests in a second with one key' };
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {
        '/a': { get: { responses: { '200': { description: 'ok' } } }, post: { responses: { '201': { description: 'made' } } } },
        '/b': { put: { responses: { '429': own } } },
      },
    } as unknown as OpenAPIObject;
    const paths = withTooManyRequests(document).paths;
    for (const operation of [paths['/a'].get, paths['/a'].post]) {
      expect(operation?.responses['429']).toMatchObject({
        description: expect.stringContaining('TENANT.RATE_LIMITED'),
        headers: { 'Retry-After': expect.anything() },
      });
    }
    expect(paths['/b'].put?.responses['429']).toBe(own);
  });
});
