import { Writable } from 'node:stream';
import { createRootLogger, writesPretty } from './root.logger';

/** A destination that keeps the lines written to it, parsed. */
function collector(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { stream, lines };
}

describe('createRootLogger', () => {
  it('writes JSON lines with the level as a word and an ISO time, at LOG_LEVEL and above', () => {
    const { stream, lines } = collector();
    const { logger } = createRootLogger('warn', 'json', stream);
    logger.info('not written');
    logger.warn({ tenant: 't-1' }, 'written');
    expect(lines).toEqual([expect.objectContaining({ level: 'warn', msg: 'written', tenant: 't-1' })]);
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
  });

  it('maps verbose to pino trace', () => {
    const { stream } = collector();
    expect(createRootLogger('verbose', 'json', stream).logger.level).toBe('trace');
  });

  it('censors credentials and the headers that carry them, of an object logged whole', () => {
    const { stream, lines } = collector();
    const { logger } = createRootLogger('info', 'json', stream);
    logger.info({
      req: { headers: { authorization: 'Bearer tly_secret', cookie: 'sid=secret', 'x-api-key': 'k-secret', accept: 'json' } },
      headers: { authorization: 'Basic secret', 'set-cookie': 'sid=secret' },
      err: { config: { headers: { authorization: 'Token secret' } } },
      password: 'p-secret',
      token: 't-secret',
      apiKey: 'a-secret',
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret/);
    expect(lines[0]).toMatchObject({ req: { headers: { authorization: '[redacted]', accept: 'json' } }, token: '[redacted]' });
  });
});

describe('writesPretty', () => {
  it('is pretty on a terminal or when asked, JSON when piped or asked', () => {
    expect([writesPretty('auto', true), writesPretty('auto', false), writesPretty('pretty', false), writesPretty('json', true)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });
});
