import { ApplicationError } from '@tally/inventory-application';
import { readTenantRate, TenantRateSettings } from '@tally/platform-node';
import { TenantRequestLimiter } from './tenant-request.limiter';

describe('TenantRequestLimiter', () => {
  let now = 0;
  const limiter = () => new TenantRequestLimiter(new TenantRateSettings(2, 4), () => now);
  const refusal = (admit: () => void): ApplicationError | null => {
    try {
      admit();
      return null;
    } catch (error) {
      return error as ApplicationError;
    }
  };

  beforeEach(() => (now = 1_000_000));

  it('lets a burst through, refuses the next with 429 TENANT.RATE_LIMITED and a wait, and refills at the rate', () => {
    const l = limiter();
    for (let i = 0; i < 4; i++) expect(refusal(() => l.admit('a'))).toBeNull();
    const refused = refusal(() => l.admit('a'));
    expect(refused).toMatchObject({ code: 'TENANT.RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    now += 500; // one token back at 2 per second
    expect(refusal(() => l.admit('a'))).toBeNull();
    expect(refusal(() => l.admit('a'))).not.toBeNull();
  });

  it('tells of a trip once per spell of refusals, not once per refused request', () => {
    const trips: string[] = [];
    const l = new TenantRequestLimiter(
      new TenantRateSettings(2, 4),
      () => now,
      (tenant) => trips.push(tenant),
    );
    for (let i = 0; i < 4; i++) l.admit('a');
    for (let i = 0; i < 10; i++) refusal(() => l.admit('a'));
    expect(trips).toEqual(['a']);
    now += 500;
    l.admit('a');
    refusal(() => l.admit('a'));
    expect(trips).toEqual(['a', 'a']);
  });

  it("keeps each tenant's bucket apart: one tenant over its rate leaves the others alone", () => {
    const l = limiter();
    for (let i = 0; i < 4; i++) l.admit('a');
    expect(refusal(() => l.admit('a'))).not.toBeNull();
    expect(refusal(() => l.admit('b'))).toBeNull();
  });

  it('costs nothing for a refused request: retrying too soon does not push the wait further', () => {
    const l = limiter();
    for (let i = 0; i < 4; i++) l.admit('a');
    for (let i = 0; i < 50; i++) expect(refusal(() => l.admit('a'))).not.toBeNull();
    now += 500;
    expect(refusal(() => l.admit('a'))).toBeNull();
  });
});

describe('readTenantRate', () => {
  it('takes the defaults, reads valid values and names each bad variable', () => {
    expect(readTenantRate({}, [])).toEqual(new TenantRateSettings(5000, 10000));
    expect(readTenantRate({ TENANT_REQUEST_RATE: '5', TENANT_REQUEST_BURST: '10' }, [])).toEqual(new TenantRateSettings(5, 10));
    const problems: string[] = [];
    readTenantRate({ TENANT_REQUEST_RATE: '0', TENANT_REQUEST_BURST: 'lots' }, problems);
    expect(problems).toEqual([
      'TENANT_REQUEST_RATE must be an integer from 1 to 1000000, got "0"',
      'TENANT_REQUEST_BURST must be an integer from 1 to 1000000, got "lots"',
    ]);
    const low: string[] = [];
    readTenantRate({ TENANT_REQUEST_RATE: '50', TENANT_REQUEST_BURST: '10' }, low);
    expect(low).toEqual(['TENANT_REQUEST_BURST (10) must be at least TENANT_REQUEST_RATE (50)']);
  });
});
