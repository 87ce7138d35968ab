import type { Answer } from '@tally/test-support';
import { Fleet } from '../support/server-fleet';
import { expectErrors, marketplacerClient, multiStoreTenant } from './marketplacer.e2e-helper';

const MEMBERSHIPS = '/marketplacer/api/v2/client/multi_store_memberships';
/** Requests per process per burst: under the limit in each process, over it together. */
const PER_PROCESS = 40;
const MAX_BURSTS = 10;
/** Longer than a window: a burst never shares one with the burst before. */
const WINDOW_PASSED_MS = 1100;

describe('Marketplacer rate limit across API processes on postgres', () => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it('counts one key’s requests to every process against the same 50 per second', async () => {
    const database = await fleet.database('postgres');
    const [first, second] = await Promise.all([fleet.server(database), fleet.server(database)]);
    const store = await multiStoreTenant(fleet.target(first, 'postgres'));
    const key = store.memberKeys[1];
    const [viaFirst, viaSecond] = [marketplacerClient(first.baseUrl, key), marketplacerClient(second.baseUrl, key)];
    // Each process alone sees 40 a burst, and a burst's window has ended before the next: only a
    // window shared by both can refuse. A loaded machine may spread a burst over two windows, so
    // bursts repeat.
    const answers: Answer[] = [];
    for (let burst = 0; burst < MAX_BURSTS && !answers.some((a) => a.status === 429); burst++) {
      if (burst > 0) await new Promise((resolve) => setTimeout(resolve, WINDOW_PASSED_MS));
      const sends = Array.from({ length: PER_PROCESS }, () => [viaFirst('GET', MEMBERSHIPS), viaSecond('GET', MEMBERSHIPS)]).flat();
      answers.push(...(await Promise.all(sends)));
    }
    expect(answers.filter((a) => a.status !== 200 && a.status !== 429).map((a) => a.status)).toEqual([]);
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expectErrors(limited[0], 429);
    // Another key of the tenant has its own window.
    expect((await marketplacerClient(second.baseUrl, store.memberKeys[2])('GET', MEMBERSHIPS)).status).toBe(200);
  }, 180_000);
});
