import { targets } from './support/e2e-targets.state';
import { freshTenant } from './support/tenant.fixtures';

describe.each(targets())('connections on %s', (_kind, target) => {
  it('creates one per dialect the server describes and shows each secret only in the creation answer', async () => {
    const { admin } = await freshTenant(target);
    // The dialects come from the server's own description: a new dialect is covered without an edit here.
    const dialects: string[] = (await admin('GET', '/api/v1/dialects')).body.items.map((d: { name: string }) => d.name);
    expect(dialects).toEqual(expect.arrayContaining(['canonical', 'kibo']));
    const created = [];
    for (const dialect of dialects) {
      const answer = await admin('POST', '/api/v1/connections', { json: { dialect, name: `${dialect} feed`, settings: { priority: 2 } } });
      expect(answer.status).toBe(201);
      expect(answer.body.connection).toMatchObject({ dialect, status: 'active', settings: { priority: 2, unknownItemPolicy: 'create' } });
      expect(answer.body.credentials.secret.length).toBeGreaterThanOrEqual(24);
      expect(answer.body.credentials.token).toBe(`${answer.body.credentials.credentialId}.${answer.body.credentials.secret}`);
      expect(JSON.stringify(answer.body.connection)).not.toContain(answer.body.credentials.secret);
      expect(answer.body.connection).not.toHaveProperty('secretHash');
      created.push(answer.body);
    }
    const list = await admin('GET', '/api/v1/connections');
    expect(list.body.items).toHaveLength(dialects.length);
    const listed = JSON.stringify(list.body);
    for (const c of created) {
      expect(listed).not.toContain(c.credentials.secret);
      const one = await admin('GET', `/api/v1/connections/${c.connection.id}`);
      expect(JSON.stringify(one.body)).not.toContain(c.credentials.secret);
      expect(one.body).not.toHaveProperty('secretHash');
    }
  });

  it('rotates the secret (same public id, new secret) and revokes', async () => {
    const { admin } = await freshTenant(target);
    const { body: created } = await admin('POST', '/api/v1/connections', { json: { dialect: 'kibo', name: 'kibo' } });
    const rotated = await admin('POST', `/api/v1/connections/${created.connection.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.credentials.credentialId).toBe(created.credentials.credentialId);
    expect(rotated.body.credentials.secret).not.toBe(created.credentials.secret);
    expect(rotated.body.connection.rotatedAt).not.toBeNull();
    const revoked = await admin('POST', `/api/v1/connections/${created.connection.id}/revoke`);
    expect(revoked.body).toMatchObject({ status: 'revoked' });
    expect(revoked.body.revokedAt).not.toBeNull();
    const again = await admin('POST', `/api/v1/connections/${created.connection.id}/rotate`);
    expect(again.body).toMatchObject({ status: 409, code: 'RESOURCE.CONFLICT' });
    expect(JSON.stringify(again.body)).not.toContain(rotated.body.credentials.secret);
    const write = await admin('POST', '/api/v1/stock-levels/set', {
      json: { item: { sku: 'S' }, location: { code: 'L' }, onHand: 1, connectionId: created.connection.id },
    });
    expect(write.body).toMatchObject({ status: 409, code: 'CONNECTION.REVOKED' });
  });

  it('changes settings, and refuses unknown dialects, bad settings and unknown ids', async () => {
    const { admin } = await freshTenant(target);
    const { body: created } = await admin('POST', '/api/v1/connections', { json: { dialect: 'crux', name: 'crux' } });
    const patched = await admin('PATCH', `/api/v1/connections/${created.connection.id}`, { json: { unknownItemPolicy: 'reject' } });
    expect(patched.body.settings).toMatchObject({ unknownItemPolicy: 'reject', priority: 0 });
    expect((await admin('POST', '/api/v1/connections', { json: { dialect: 'sap', name: 'x' } })).body.errors[0].field).toBe('dialect');
    const bad = await admin('POST', '/api/v1/connections', { json: { dialect: 'crux', name: 'x', settings: { priority: 'high' } } });
    expect(bad.body).toMatchObject({ status: 422, errors: [{ field: 'settings.priority' }] });
    expect((await admin('GET', '/api/v1/connections/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await admin('GET', '/api/v1/connections/not%20an%20id')).status).toBe(404);
  });
});
