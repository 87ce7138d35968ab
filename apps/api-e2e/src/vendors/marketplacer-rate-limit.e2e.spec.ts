import { targets } from '../support/e2e-targets.state';
import type { Answer } from '@tally/test-support';
import { expectErrors, multiStoreTenant } from './marketplacer.e2e-helper';

const MEMBERSHIPS = '/marketplacer/api/v2/client/multi_store_memberships';
const BURST = 120;
const MAX_BURSTS = 10;

describe.each(targets())('Marketplacer rate limit on %s', (_kind, target) => {
  it('answers 429 with Retry-After once one key sends more than 50 requests in a second, and only to that key', async () => {
    const store = await multiStoreTenant(target);
    // Bursts of requests sent at once: a loaded machine may spread one burst over more than
    // a second, so bursts repeat until one exceeds the rate the server allows.
    const answers: Answer[] = [];
    for (let burst = 0; burst < MAX_BURSTS && !answers.some((a) => a.status === 429); burst++) {
      answers.push(...(await Promise.all(Array.from({ length: BURST }, () => store.members[1]('GET', MEMBERSHIPS)))));
    }
    expect(answers.filter((a) => a.status !== 200 && a.status !== 429).map((a) => a.status)).toEqual([]);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const answer of limited) {
      expectErrors(answer, 429);
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect((await store.members[2]('GET', MEMBERSHIPS)).status).toBe(200);
  }, 180_000);
});
