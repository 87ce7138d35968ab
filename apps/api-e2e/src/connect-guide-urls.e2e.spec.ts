import { basicAuthorization, client, kiboToken, type Answer, type Client } from '@tally/test-support';
import { targets, type Target } from './support/e2e-targets.state';
import { createConnection, freshTenant } from './support/tenant.fixtures';
import { cruxLogin } from './vendors/crux.fixtures';
import { tokenHeader } from './vendors/comestri.e2e-helper';
import { createVariant, marketplacerClient, multiStoreTenant } from './vendors/marketplacer.e2e-helper';

/** A connection's guide as the API answers it, for a client that reaches the server at `target.baseUrl`. */
async function guideOf(admin: Client, connectionId: string): Promise<{ label: string; url: string }[]> {
  const answer = await admin('GET', `/api/v1/connections/${connectionId}/connect-guide`);
  expect(answer.status).toBe(200);
  return answer.body.endpoints;
}

/** The path and query of a guide's URL, which must be on the server the test reached. */
function pathOf(target: Target, url: string): string {
  expect(url.startsWith(`${target.baseUrl}/`)).toBe(true);
  return url.slice(target.baseUrl.length);
}

/** A route answered (whatever the body made of it): not 404, not 405. */
function expectServed(answer: Answer, url: string): void {
  if ([404, 405].includes(answer.status)) throw new Error(`${url} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

describe.each(targets())('connect guide URLs on %s', (_kind, target) => {
  it('every URL of a Crux, Kibo, Comestri, RetailOPS and canonical connection answers for that connection', async () => {
    const { admin } = await freshTenant(target);
    const anonymous = client(target.baseUrl, null);

    const crux = await createConnection(admin, 'crux', { defaultLocationCode: 'CRUX-1' });
    const cruxToken = await cruxLogin(target.baseUrl, crux.connection.credentialId, crux.credentials.secret);
    for (const { url } of await guideOf(admin, crux.connection.id)) {
      const path = pathOf(target, url);
      const login = path.includes('user-login');
      const answer = await anonymous('POST', path, {
        json: login ? { username: crux.connection.credentialId, password: crux.credentials.secret } : path.includes('bulk') ? [] : {},
        headers: login ? {} : { authorization: `Token ${cruxToken}` },
      });
      expectServed(answer, url);
      if (login) expect(answer.status).toBe(200);
    }

    const kibo = await createConnection(admin, 'kibo');
    const kiboCall = client(target.baseUrl, await kiboToken(target.baseUrl, kibo.connection.credentialId, kibo.credentials.secret));
    const job = await kiboCall('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: 'K1', items: [{ sku: 'K-1', quantity: 1 }] } });
    expect(job.status).toBe(200);
    for (const { url } of await guideOf(admin, kibo.connection.id)) {
      const path = pathOf(target, url).replace('{jobID}', String(job.body.jobID));
      const answer = path.includes('/oauth2/token')
        ? await anonymous('POST', path, {
            raw: 'grant_type=client_credentials',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              authorization: basicAuthorization(kibo.connection.credentialId, kibo.credentials.secret),
            },
          })
        : await kiboCall(path.includes('/queue/') ? 'GET' : 'POST', path, path.includes('/queue/') ? {} : { json: { locationName: 'K1', items: [] } });
      expectServed(answer, url);
      if (path.includes('/queue/') || path.includes('/oauth2/')) expect(answer.status).toBe(200);
    }

    const comestri = await createConnection(admin, 'comestri');
    const comestriAuth = { authorization: tokenHeader(comestri.credentials.token) };
    const record = await anonymous('POST', '/comestri/api/v2/inventories', {
      json: { inventory: { inventory_source: 'MAIN', product_id: 1, qty: 1 } },
      headers: comestriAuth,
    });
    expect(record.status).toBeLessThan(300);
    for (const { url } of await guideOf(admin, comestri.connection.id)) {
      const path = pathOf(target, url).replace('{id}', String(record.body.id));
      const answer = await anonymous('GET', path, { headers: comestriAuth });
      expectServed(answer, url);
      expect(answer.status).toBe(200);
    }

    const retailops = await createConnection(admin, 'retailops');
    for (const { url } of await guideOf(admin, retailops.connection.id)) {
      const path = pathOf(target, url);
      expect(path).toContain(`connection=${retailops.connection.credentialId}`);
      const answer = await anonymous('POST', path, { json: { integration_auth_token: retailops.credentials.token } });
      expectServed(answer, url);
    }

    const canonical = await createConnection(admin, 'canonical');
    for (const { url } of await guideOf(admin, canonical.connection.id)) {
      const answer = await admin('POST', pathOf(target, url), { json: {} });
      expectServed(answer, url);
    }
  });

  it("every URL of a Marketplacer seller's guide answers for that seller", async () => {
    const fx = await multiStoreTenant(target);
    await createVariant(fx, 4242);
    const connections = (await fx.admin('GET', '/api/v1/connections')).body.items as { id: string; settings: { options: { sellerId?: number } } }[];
    const member = connections.find((c) => c.settings.options.sellerId === 1);
    if (!member) throw new Error('no connection for seller 1');
    const seller = marketplacerClient(target.baseUrl, fx.memberKeys[1]);
    for (const { url } of await guideOf(fx.admin, member.id)) {
      const answer = await seller('GET', pathOf(target, url).replace('{variantId}', '4242'));
      expectServed(answer, url);
      expect(answer.status).toBe(200);
    }
  });
});
