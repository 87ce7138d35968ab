import { comestriPresentedCredential } from './comestri-credential.reader';

const request = (authorization?: string) => ({ method: 'POST', path: '/comestri/api/v2/inventories', headers: { authorization }, query: {} });

describe('comestriPresentedCredential', () => {
  it('is the credential id of the connection token, never its secret', () => {
    expect(comestriPresentedCredential(request('Token token=conn_abc.s3cret,email=ops@example.com'))).toEqual({ kind: 'credential-id', id: 'conn_abc' });
  });

  it('is null for a header Comestri would refuse unread', () => {
    expect(comestriPresentedCredential(request('Token token=conn_abc.s3cret'))).toBeNull();
    expect(comestriPresentedCredential(request('Bearer conn_abc.s3cret'))).toBeNull();
    expect(comestriPresentedCredential(request())).toBeNull();
  });
});
