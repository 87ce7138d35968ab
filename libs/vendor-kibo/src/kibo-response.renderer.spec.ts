import type { Job } from '@tally/inventory-application';
import { renderKiboError, renderKiboJob, renderKiboJobAccepted, renderOAuthError, renderOAuthToken } from './kibo-response.renderer';
import { parseBasicCredentials as basicCredentials } from '@tally/vendor-kit';

const job: Job = {
  id: 7,
  number: 3,
  kind: 'REFRESH',
  tenantId: 't1',
  orderingKey: 't1|S',
  locationCode: 'S',
  status: 'WORKING',
  itemCount: 3,
  processed: 2,
  chunksDone: 1,
  messages: [
    { line: 1, item: 'sku B', code: 'INVENTORY.UNKNOWN_ITEM', message: 'no item' },
    { line: 2, item: 'items[2]', code: 'REQUEST.INVALID', message: 'items[2] needs one of partNumber, upc or sku' },
    { line: null, item: null, code: 'JOB.FAILED', message: 'boom' },
  ],
  added: '2026-01-01T00:00:00.000Z',
  started: '2026-01-01T00:00:01.000Z',
  finished: null,
};

describe('Kibo rendering', () => {
  it("renders the job status with the fields of the queue call, the tenant's job number as its id, and one message per problem", () => {
    expect(renderKiboJob(job)).toEqual({
      jobID: 3,
      type: 'REFRESH',
      status: 'WORKING',
      success: false,
      itemCount: 3,
      processedCount: 2,
      messages: [
        'items[1] (sku B): INVENTORY.UNKNOWN_ITEM: no item',
        'items[2]: REQUEST.INVALID: items[2] needs one of partNumber, upc or sku',
        'job: JOB.FAILED: boom',
      ],
      added: '2026-01-01T00:00:00.000Z',
      started: '2026-01-01T00:00:01.000Z',
      finished: null,
      locationCode: 'S',
      tenantID: 't1',
    });
  });

  it('answers an accepted job with its integer id only', () => {
    expect(renderKiboJobAccepted(12).body).toEqual({ jobID: 12 });
  });

  it('renders errors with status, reason, message and fields; 401 with a Bearer challenge', () => {
    expect(renderKiboError(400, 'bad', [{ field: 'items', message: 'must be an array' }]).body).toEqual({
      status: 400,
      error: 'Bad Request',
      message: 'bad',
      errors: [{ field: 'items', message: 'must be an array' }],
    });
    expect(renderKiboError(401, 'no').headers['www-authenticate']).toBe('Bearer realm="kibo"');
  });

  it('renders OAuth2 tokens and errors as RFC 6749 does', () => {
    expect(renderOAuthToken('abc', 3600)).toMatchObject({ status: 200, body: { access_token: 'abc', token_type: 'Bearer', expires_in: 3600 } });
    const error = renderOAuthError(401, 'invalid_client', 'wrong');
    expect(error).toMatchObject({ status: 401, body: { error: 'invalid_client', error_description: 'wrong' } });
    expect(error.headers).toMatchObject({ 'www-authenticate': 'Basic realm="kibo"', 'cache-control': 'no-store' });
  });

  it('decodes HTTP Basic credentials, secrets with colons included', () => {
    expect(basicCredentials(`Basic ${Buffer.from('con_1:s3:cr€t').toString('base64')}`)).toEqual({ userId: 'con_1', password: 's3:cr€t' });
    expect(basicCredentials('Basic !!!')).toBeNull();
    expect(basicCredentials(`Basic ${Buffer.from('nocolon').toString('base64')}`)).toBeNull();
    expect(basicCredentials('Bearer x')).toBeNull();
    expect(basicCredentials(undefined)).toBeNull();
  });
});
