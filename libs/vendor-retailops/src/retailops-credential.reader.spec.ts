import { retailopsPresentedCredential } from './retailops-credential.reader';

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const request = (body: unknown, authorization?: string, query: Record<string, unknown> = {}) => ({
  method: 'POST',
  path: '/retailops/inventory_push_v1',
  headers: { authorization },
  query,
  body,
});

describe('retailopsPresentedCredential', () => {
  it("is the credential id of the body's token, or of the Basic credentials, never the secret", () => {
    expect(retailopsPresentedCredential(request({ integration_auth_token: 'conn_abc.s3cret' }))).toEqual({ kind: 'credential-id', id: 'conn_abc' });
    expect(retailopsPresentedCredential(request({}, basic('conn_def', 's3cret')))).toEqual({ kind: 'credential-id', id: 'conn_def' });
  });

  it('is the connection the parameter names for the test key', () => {
    expect(retailopsPresentedCredential(request({ integration_auth_token: 'RETAILOPS_SDK' }, undefined, { connection: 'conn_abc' }))).toEqual({
      kind: 'credential-id',
      id: 'conn_abc',
    });
    expect(retailopsPresentedCredential(request({ integration_auth_token: 'RETAILOPS_SDK' }, undefined, { connection: ['a', 'b'] }))).toBeNull();
  });

  it('is null for a missing or malformed token', () => {
    expect(retailopsPresentedCredential(request({ integration_auth_token: 12 }))).toBeNull();
    expect(retailopsPresentedCredential(request({ integration_auth_token: 'nodot' }))).toBeNull();
    expect(retailopsPresentedCredential(request('not an object'))).toBeNull();
  });
});
