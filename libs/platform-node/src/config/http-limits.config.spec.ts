import { HTTP_LIMIT_DEFAULTS, readHttpLimits } from './http-limits.config';

describe('readHttpLimits', () => {
  it('takes the defaults for unset or empty variables', () => {
    const problems: string[] = [];
    expect(readHttpLimits({ HTTP_REQUEST_TIMEOUT_MS: ' ' }, problems)).toEqual(HTTP_LIMIT_DEFAULTS);
    expect(problems).toEqual([]);
  });

  it('reads every setting, and 0 turns the connection cap off', () => {
    const problems: string[] = [];
    const limits = readHttpLimits(
      {
        HTTP_REQUEST_TIMEOUT_MS: '3000',
        HTTP_HEADERS_TIMEOUT_MS: '2000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '7000',
        HTTP_CONNECTION_TIMEOUT_MS: '9000',
        MAX_CONNECTIONS_PER_ADDRESS: '0',
      },
      problems,
    );
    expect(limits).toEqual({
      requestTimeoutMs: 3000,
      headersTimeoutMs: 2000,
      keepAliveTimeoutMs: 7000,
      connectionTimeoutMs: 9000,
      maxConnectionsPerAddress: 0,
    });
    expect(problems).toEqual([]);
  });

  it('names each bad value, and a headers timeout longer than the request timeout', () => {
    const problems: string[] = [];
    readHttpLimits({ HTTP_REQUEST_TIMEOUT_MS: '5s', HTTP_KEEP_ALIVE_TIMEOUT_MS: '10', MAX_CONNECTIONS_PER_ADDRESS: '-1' }, problems);
    expect(problems).toEqual([
      'HTTP_REQUEST_TIMEOUT_MS must be an integer from 100 to 3600000, got "5s"',
      'HTTP_KEEP_ALIVE_TIMEOUT_MS must be an integer from 100 to 3600000, got "10"',
      'MAX_CONNECTIONS_PER_ADDRESS must be an integer from 0 to 100000, got "-1"',
    ]);
    const order: string[] = [];
    readHttpLimits({ HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_HEADERS_TIMEOUT_MS: '2000' }, order);
    expect(order).toEqual(['HTTP_HEADERS_TIMEOUT_MS (2000) must not exceed HTTP_REQUEST_TIMEOUT_MS (1000)']);
  });
});
