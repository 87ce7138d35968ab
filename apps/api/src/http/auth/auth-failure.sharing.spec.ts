import { SharedFailures, type SharedFailure } from '@tally/inventory-application';
import { AuthFailureSharing } from './auth-failure.sharing';
import { AuthFailureThrottle, type ThrottleTrip } from './auth-failure.throttle';

const key = (id: string) => ({ key: `k:${id}`, label: `credential ${id}` });
const WINDOW_MS = 10_000;

/** One process's throttle whose failures are collected, as the sharing would write them. */
function process(clock: () => number) {
  const written: SharedFailure[] = [];
  const trips: ThrottleTrip[] = [];
  const throttle = new AuthFailureThrottle(4, WINDOW_MS, { now: clock, onTrip: (t) => trips.push(t), onFailure: (f) => written.push(f) });
  /** Hands over what it wrote since the last call, as a peer's pull finds it. */
  const take = () => written.splice(0);
  return { throttle, trips, take };
}

describe('AuthFailureThrottle.merge: the other processes’ failures', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('counts them with its own: failures split between processes reach the limit in both, and a valid credential is still checked', () => {
    const [a, b] = [process(clock), process(clock)];
    a.throttle.record('10.0.0.1', key('x'));
    b.throttle.record('10.0.0.1', key('x'));
    a.throttle.record('10.0.0.1', key('y'));
    b.throttle.record('10.0.0.1', key('z'));
    // Alone, each saw half the limit.
    expect(a.throttle.refusal('10.0.0.1', key('x'))).toBeNull();
    expect(b.throttle.refusal('10.0.0.9', key('x'))).toBeNull();
    const [fromA, fromB] = [a.take(), b.take()];
    expect(fromA).toEqual([
      { address: '10.0.0.1', credential: 'k:x', at: now },
      { address: '10.0.0.1', credential: 'k:y', at: now },
    ]);
    a.throttle.merge(fromB);
    b.throttle.merge(fromA);
    // The address reached the limit in both: each refuses it what failed at the other only.
    expect(a.throttle.refusal('10.0.0.1', key('z'))).toEqual({ reason: 'address', retryAfterSeconds: 10 });
    expect(b.throttle.refusal('10.0.0.1', key('y'))).toEqual({ reason: 'address', retryAfterSeconds: 10 });
    expect(a.throttle.refusal('10.0.0.1', key('valid'))).toBeNull();
    // A credential's failures add up from every process too.
    a.throttle.record('10.0.0.2', key('x'));
    b.throttle.record('10.0.0.3', key('x'));
    a.throttle.merge(b.take());
    expect(a.throttle.refusal('10.0.0.4', key('x'))).toEqual({ reason: 'credential', retryAfterSeconds: 10 });
    // Failures pulled are never written again: only a process's own are shared.
    expect(a.take()).toHaveLength(1);
  });

  it('counts each failure at its own time: older than the window is ignored, and it leaves the window when it would have where it happened', () => {
    const a = process(clock);
    const at = now;
    a.throttle.merge([
      { address: '10.0.0.1', credential: 'k:x', at: at - WINDOW_MS },
      ...Array.from({ length: 3 }, () => ({ address: '10.0.0.1', credential: 'k:x', at: at - 4_000 })),
    ]);
    expect(a.throttle.refusal('10.0.0.5', key('x'))).toBeNull();
    a.throttle.merge([{ address: '10.0.0.2', credential: 'k:x', at: at - 1_000 }]);
    expect(a.throttle.refusal('10.0.0.5', key('x'))).toEqual({ reason: 'credential', retryAfterSeconds: 6 });
    now = at + 6_000;
    expect(a.throttle.refusal('10.0.0.5', key('x'))).toBeNull();
  });

  it('takes a failure stamped ahead of its clock as happening now, so it never outlasts the window', () => {
    const a = process(clock);
    a.throttle.merge(Array.from({ length: 4 }, () => ({ address: '10.0.0.1', credential: 'k:x', at: now + 60_000 })));
    expect(a.throttle.refusal('10.0.0.1', key('x'))).toEqual({ reason: 'credential', retryAfterSeconds: 10 });
  });

  it('logs a limit completed by merging once: where the newest failure of the count happened', () => {
    const [a, b] = [process(clock), process(clock)];
    a.throttle.record('10.0.0.1', key('x'));
    a.throttle.record('10.0.0.1', key('x'));
    now += 1;
    b.throttle.record('10.0.0.1', key('x'));
    b.throttle.record('10.0.0.1', key('x'));
    const [fromA, fromB] = [a.take(), b.take()];
    a.throttle.merge(fromB);
    b.throttle.merge(fromA);
    expect(a.trips).toEqual([]);
    expect(b.trips).toEqual([
      { what: 'address', subject: '10.0.0.1', failures: 4, windowSeconds: 10, distinct: 1 },
      { what: 'credential', subject: 'credential x', failures: 4, windowSeconds: 10, distinct: 1 },
    ]);
    // The trip is taken as reported at A too: a failure of its own later in the window adds no line.
    a.throttle.record('10.0.0.1', key('other'));
    expect(a.trips).toEqual([]);
  });

  it('logs a limit a process reached by its own failures at once, and not again when the others’ arrive', () => {
    const [a, b] = [process(clock), process(clock)];
    for (let i = 0; i < 4; i++) a.throttle.record('10.0.0.1', key(`k${i}`));
    expect(a.trips.map((t) => t.what)).toEqual(['address']);
    now += 1;
    b.throttle.record('10.0.0.1', key('later'));
    a.throttle.merge(b.take());
    expect(a.trips).toHaveLength(1);
  });
});

/** The database's part, in memory: what was written, and what a pull answers. */
class RecordedFailures extends SharedFailures {
  readonly writes: SharedFailure[][] = [];
  readonly sweeps: number[] = [];
  toPull: SharedFailure[] = [];
  failPull = false;

  async record(failures: readonly SharedFailure[]): Promise<void> {
    this.writes.push([...failures]);
  }

  async pull(): Promise<SharedFailure[]> {
    if (this.failPull) throw new Error('connection refused');
    return this.toPull.splice(0);
  }

  async sweep(windowMs: number): Promise<number> {
    this.sweeps.push(windowMs);
    return 0;
  }
}

describe('AuthFailureSharing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes the failures of one flush period in one statement, and nothing when there are none', async () => {
    const shared = new RecordedFailures();
    const sharing = new AuthFailureSharing(shared, WINDOW_MS, { flushMs: 250 });
    for (let i = 0; i < 3; i++) sharing.add({ address: '10.0.0.1', credential: `k:${i}`, at: i });
    expect(shared.writes).toEqual([]);
    await jest.advanceTimersByTimeAsync(250);
    expect(shared.writes.map((w) => w.length)).toEqual([3]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(shared.writes).toHaveLength(1);
  });

  it('bounds the failures waiting to be written', async () => {
    const shared = new RecordedFailures();
    const sharing = new AuthFailureSharing(shared, WINDOW_MS, { maxPending: 2 });
    for (let i = 0; i < 5; i++) sharing.add({ address: '10.0.0.1', credential: null, at: i });
    await sharing.flush();
    expect(shared.writes.map((w) => w.length)).toEqual([2]);
  });

  it('merges what each pull finds into the throttle, sweeps at its own pace, and keeps pulling after an error', async () => {
    const shared = new RecordedFailures();
    const errors: string[] = [];
    const sharing = new AuthFailureSharing(shared, WINDOW_MS, { pullMs: 1_000, sweepMs: 10_000, onError: (m) => errors.push(m) });
    const throttle = new AuthFailureThrottle(2, WINDOW_MS);
    sharing.start(throttle);
    await jest.advanceTimersByTimeAsync(0);
    expect(shared.sweeps).toEqual([WINDOW_MS]);
    shared.failPull = true;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(errors).toEqual(['pulling the other API processes’ failed authentications: connection refused']);
    shared.failPull = false;
    // Stamped now, found by the pull a second later: 9 s of the window are left.
    shared.toPull = [1, 2].map(() => ({ address: '10.0.0.1', credential: 'k:x', at: Date.now() }));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(throttle.refusal('10.0.0.2', key('x'))).toEqual({ reason: 'credential', retryAfterSeconds: 9 });
    await jest.advanceTimersByTimeAsync(8_000);
    expect(shared.sweeps).toHaveLength(2);
    await sharing.beforeApplicationShutdown();
  });

  it('writes what is queued when the application shuts down, and stops pulling', async () => {
    const shared = new RecordedFailures();
    const sharing = new AuthFailureSharing(shared, WINDOW_MS);
    sharing.start(new AuthFailureThrottle(2, WINDOW_MS));
    sharing.add({ address: '10.0.0.1', credential: null, at: 1 });
    await sharing.beforeApplicationShutdown();
    expect(shared.writes).toEqual([[{ address: '10.0.0.1', credential: null, at: 1 }]]);
    shared.failPull = true;
    await jest.advanceTimersByTimeAsync(5_000);
    sharing.add({ address: '10.0.0.1', credential: null, at: 2 });
    await jest.advanceTimersByTimeAsync(5_000);
    expect(shared.writes).toHaveLength(1);
  });
});
