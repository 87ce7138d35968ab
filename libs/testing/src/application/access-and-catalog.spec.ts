import { createInMemoryTally } from '../fakes/in-memory-tally.fake';

describe('ManageAccess', () => {
  it('bootstraps a tenant once, with the supplied key, and authenticates it until revoked', async () => {
    const tally = createInMemoryTally();
    const supplied = 'tly_automation_key_0123456789abcdef';
    const first = await tally.access.bootstrap(supplied);
    expect(first).toMatchObject({ created: true, adminKey: supplied });
    expect(await tally.access.bootstrap()).toEqual({ created: false });
    const principal = await tally.access.authenticate(supplied);
    expect(principal).toMatchObject({ role: 'operator' });
    expect(await tally.access.authenticate(supplied.replace(/f$/, 'e'))).toBeNull();
    expect(JSON.stringify(await tally.access.listKeys(principal!.tenantId))).not.toContain(supplied);
    await tally.access.revokeKey(principal!.tenantId, principal!.keyId);
    expect(await tally.access.authenticate(supplied)).toBeNull();
  });

  it('refuses a supplied bootstrap key that is too short', async () => {
    await expect(createInMemoryTally().access.bootstrap('short')).rejects.toMatchObject({ field: 'TALLY_ADMIN_KEY' });
  });
});

describe('ManageConnections', () => {
  it('shows credentials once, rotates them (the old secret stops working) and revokes', async () => {
    const tally = createInMemoryTally();
    const { connection, credentials } = await tally.manageConnections.create('t', { dialect: 'crux', name: 'crux' });
    expect(JSON.stringify(connection)).not.toContain(credentials.secret);
    expect(await tally.manageConnections.authenticate('crux', credentials.credentialId, credentials.secret)).not.toBeNull();
    const rotated = await tally.manageConnections.rotate('t', connection.id);
    expect(await tally.manageConnections.authenticate('crux', credentials.credentialId, credentials.secret)).toBeNull();
    expect(await tally.manageConnections.authenticate('crux', credentials.credentialId, rotated.credentials.secret)).not.toBeNull();
    await tally.manageConnections.revoke('t', connection.id);
    expect(await tally.manageConnections.authenticate('crux', credentials.credentialId, rotated.credentials.secret)).toBeNull();
    await expect(tally.manageConnections.get('other-tenant', connection.id)).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
  });
});

describe('CatalogQueries', () => {
  it('finds an item by its GTIN in any form and refuses a bad check digit', async () => {
    const tally = createInMemoryTally();
    await tally.applyBatch.execute({
      tenantId: 't',
      connection: null,
      actor: 'k',
      reference: null,
      unknownItemPolicy: 'create',
      createLocationsAs: 'warehouse',
      lines: [{ lineNo: 1, item: { gtin: '00036000291452' }, location: { code: 'W' }, write: { kind: 'set', patch: { onHand: 1 } }, sourceTimestamp: null }],
    });
    const byUpc = await tally.catalog.lookupItem('t', 'gtin', '036000291452');
    const byEan = await tally.catalog.lookupItem('t', 'gtin', '0036000291452');
    expect(byUpc.id).toBe(byEan.id);
    await expect(tally.catalog.lookupItem('t', 'gtin', '036000291453')).rejects.toMatchObject({ code: 'IDENTIFIER.BAD_CHECK_DIGIT' });
    await expect(tally.catalog.lookupItem('other', 'gtin', '036000291452')).rejects.toMatchObject({ code: 'RESOURCE.NOT_FOUND' });
  });
});

describe('IssueAccessTokens', () => {
  it('issues a token for valid credentials that works until it expires or the connection is revoked', async () => {
    const tally = createInMemoryTally();
    const { connection, credentials } = await tally.manageConnections.create('t', { dialect: 'kibo', name: 'kibo' });
    expect(await tally.tokens.login('kibo', credentials.credentialId, 'wrong-secret', 3600)).toBeNull();
    expect(await tally.tokens.login('crux', credentials.credentialId, credentials.secret, 3600)).toBeNull();
    const issued = await tally.tokens.login('kibo', credentials.credentialId, credentials.secret, 3600);
    expect(issued).toMatchObject({ expiresInSeconds: 3600 });
    expect(await tally.tokens.verify('kibo', issued!.token)).toMatchObject({ id: connection.id });
    expect(await tally.tokens.verify('crux', issued!.token)).toBeNull();
    expect([...tally.accessTokens.tokens.keys()].some((k) => k === issued!.token)).toBe(false);
    tally.clock.advance(3600 * 1000);
    expect(await tally.tokens.verify('kibo', issued!.token)).toBeNull();
    const again = await tally.tokens.login('kibo', credentials.credentialId, credentials.secret, 3600);
    await tally.manageConnections.revoke('t', connection.id);
    expect(await tally.tokens.verify('kibo', again!.token)).toBeNull();
  });

  it('ends the tokens the old secret obtained when the secret is rotated, and issues working ones for the new secret', async () => {
    const tally = createInMemoryTally();
    const { connection, credentials } = await tally.manageConnections.create('t', { dialect: 'crux', name: 'crux' });
    const before = await tally.tokens.login('crux', credentials.credentialId, credentials.secret, 7200);
    tally.clock.advance(1000);
    const rotated = await tally.manageConnections.rotate('t', connection.id);
    expect(await tally.tokens.verify('crux', before!.token)).toBeNull();
    expect(await tally.tokens.login('crux', credentials.credentialId, credentials.secret, 7200)).toBeNull();
    tally.clock.advance(1);
    const after = await tally.tokens.login('crux', credentials.credentialId, rotated.credentials.secret, 7200);
    expect(await tally.tokens.verify('crux', after!.token)).toMatchObject({ id: connection.id });
  });
});
