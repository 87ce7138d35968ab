import { targets } from '../support/e2e-targets.state';
import { createConnection, freshTenant } from '../support/tenant.fixtures';
import { CRUX, cruxFixture, cruxLogin } from './crux.fixtures';
import { client, kiboToken } from '@tally/test-support';
import { kiboClient } from './kibo.e2e-helpers';

describe.each(targets())('rotating a connection’s secret on %s', (_kind, target) => {
  it('ends the Kibo tokens the old secret obtained at once; the new secret obtains working ones', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    const status = (token: string) => client(target.baseUrl, token)('GET', '/kibo/inv/api/v1/queue/1');
    expect((await status(kibo.token)).status).toBe(404); // authenticated: no such job
    const connectionId = (await admin('GET', '/api/v1/connections')).body.items.find((c: { credentialId: string }) => c.credentialId === kibo.credentialId).id;
    const rotated = await admin('POST', `/api/v1/connections/${connectionId}/rotate`);
    expect(rotated.status).toBe(200);
    expect((await status(kibo.token)).status).toBe(401);
    const fresh = await kiboToken(target.baseUrl, kibo.credentialId, rotated.body.credentials.secret);
    expect((await status(fresh)).status).toBe(404);
  });

  it('ends the Crux tokens the old password obtained at once, and refuses a login with it', async () => {
    const crux = await cruxFixture(target);
    const update = (token: string) =>
      client(target.baseUrl, null)('POST', CRUX.update, { json: [{ sku: 'ROT-1', quantity: 1 }], headers: { authorization: `Token ${token}` } });
    expect((await update(crux.token)).status).not.toBe(401);
    const rotated = await crux.admin('POST', `/api/v1/connections/${crux.connectionId}/rotate`);
    expect((await update(crux.token)).status).toBe(401);
    expect((await client(target.baseUrl, null)('POST', CRUX.login, { json: { username: crux.username, password: crux.password } })).status).toBe(401);
    const fresh = await cruxLogin(target.baseUrl, crux.username, rotated.body.credentials.secret);
    expect((await update(fresh)).status).not.toBe(401);
    // A second connection's tokens are not touched by the first one's rotation.
    const other = await createConnection(crux.admin, 'crux');
    const otherToken = await cruxLogin(target.baseUrl, other.connection.credentialId, other.credentials.secret);
    await crux.admin('POST', `/api/v1/connections/${crux.connectionId}/rotate`);
    expect((await update(otherToken)).status).not.toBe(401);
  });
});
