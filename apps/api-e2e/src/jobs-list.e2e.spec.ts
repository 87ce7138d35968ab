import { targets } from './support/e2e-targets.state';
import { freshTenant } from './support/tenant.fixtures';
import { kiboClient, waitForJob } from './vendors/kibo.e2e-helpers';

describe.each(targets())('job list on %s', (_kind, target) => {
  it("lists the tenant's jobs newest first, without their messages, and only its own", async () => {
    const { admin } = await freshTenant(target);
    expect((await admin('GET', '/api/v1/jobs')).body).toEqual({ items: [] });
    const kibo = await kiboClient(target.baseUrl, admin);
    const ids: number[] = [];
    for (const quantity of [1, 2]) {
      const answer = await kibo.call('POST', '/kibo/api/v5/inventory/refresh', {
        json: {
          locationName: 'L1',
          items: [
            { sku: 'J-1', quantity },
            { sku: 'J-BAD', quantity: -1 },
          ],
        },
      });
      ids.push(answer.body.jobID);
      await waitForJob(kibo.call, answer.body.jobID);
    }
    const list = await admin('GET', '/api/v1/jobs?limit=10');
    expect(list.status).toBe(200);
    expect(list.body.items.map((j: { id: number }) => j.id)).toEqual([...ids].reverse());
    expect(list.body.items[0]).toMatchObject({ kind: 'REFRESH', status: 'SUCCESS', locationCode: 'L1', itemCount: 2, processed: 2, messages: [] });
    expect((await admin('GET', `/api/v1/jobs/${ids[0]}`)).body.messages).toHaveLength(1);
    expect((await admin('GET', '/api/v1/jobs?limit=1')).body.items).toHaveLength(1);

    const other = await freshTenant(target);
    expect((await other.admin('GET', '/api/v1/jobs')).body.items).toEqual([]);
  });

  it('refuses a limit out of range with 422 naming it', async () => {
    const { admin } = await freshTenant(target);
    for (const limit of ['0', '201', 'x']) {
      const answer = await admin('GET', `/api/v1/jobs?limit=${limit}`);
      expect(answer.status).toBe(422);
      expect(answer.body.errors[0].field).toBe('limit');
    }
  });
});
