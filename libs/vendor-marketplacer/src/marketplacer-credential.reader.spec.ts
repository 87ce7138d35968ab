import { marketplacerPresentedCredential } from './marketplacer-credential.reader';

const request = (headers: Record<string, string>) => ({ method: 'PUT', path: '/marketplacer/api/v2/client/variants/1/inventories', headers, query: {} });

describe('marketplacerPresentedCredential', () => {
  it('is the credential id of the connection token, from either header, never its secret', () => {
    expect(marketplacerPresentedCredential(request({ authorization: 'Bearer conn_abc.s3cret' }))).toEqual({ kind: 'credential-id', id: 'conn_abc' });
    expect(marketplacerPresentedCredential(request({ 'marketplacer-api-key': 'conn_def.s3cret' }))).toEqual({ kind: 'credential-id', id: 'conn_def' });
  });

  it('is null without a connection token', () => {
    expect(marketplacerPresentedCredential(request({ authorization: 'Bearer nodot' }))).toBeNull();
    expect(marketplacerPresentedCredential(request({}))).toBeNull();
  });
});
