import { ConnectionActivityRecorder, maskCredentials } from './connection-activity.recorder';
import type { ConnectionActivityRecord, ConnectionActivityUpdate } from '../model/connection-activity.model';
import { ConnectionActivityStore } from '../ports/connection-activity-store.port';
import { Clock } from '../ports/clock.port';

class Written extends ConnectionActivityStore {
  readonly batches: ConnectionActivityUpdate[][] = [];
  async record(updates: readonly ConnectionActivityUpdate[]): Promise<void> {
    this.batches.push([...updates]);
  }
  async list(): Promise<ConnectionActivityRecord[]> {
    return [];
  }
  async purgeErrorHours(): Promise<number> {
    return 0;
  }
}

class SetClock extends Clock {
  constructor(public at = Date.parse('2026-12-06T10:00:00.000Z')) {
    super();
  }
  now(): Date {
    return new Date(this.at);
  }
  sleep(): Promise<void> {
    return Promise.resolve();
  }
}

describe('ConnectionActivityRecorder', () => {
  const setUp = () => {
    const store = new Written();
    const clock = new SetClock();
    return { store, clock, recorder: new ConnectionActivityRecorder(store, clock, 5_000) };
  };

  it('writes nothing per request: many requests are one update at the flush, and last seen at most every 5 seconds', async () => {
    const { store, clock, recorder } = setUp();
    for (let n = 0; n < 100; n++) recorder.seen('t1', 'c1');
    await recorder.flush();
    expect(store.batches).toEqual([[{ tenantId: 't1', connectionId: 'c1', seenAt: '2026-12-06T10:00:00.000Z', lastError: null, errors: 0 }]]);
    clock.at += 4_000;
    recorder.seen('t1', 'c1');
    await recorder.flush();
    expect(store.batches).toHaveLength(1);
    clock.at += 1_000;
    recorder.seen('t1', 'c1');
    await recorder.flush();
    expect(store.batches[1]).toEqual([expect.objectContaining({ seenAt: '2026-12-06T10:00:05.000Z' })]);
  });

  it('keeps the newest refusal with the count, cut and with credentials masked; a request repeating its line counts once', async () => {
    const { store, clock, recorder } = setUp();
    recorder.refused('t1', 'c1', { status: 422, code: 'A', message: 'first', source: 'line' }, 3);
    recorder.refused('t1', 'c1', { status: 404, code: 'VENDOR.NOT_FOUND', message: 'the same, answered', source: 'request' });
    clock.at += 1_000;
    recorder.refused('t1', 'c1', { status: 400, code: 'B', message: `token con_abc.s3cret and Bearer xyz ${'x'.repeat(400)}`, source: 'request' });
    await recorder.flush();
    const [update] = store.batches[0];
    expect(update.errors).toBe(4);
    expect(update.lastError).toMatchObject({ status: 400, code: 'B', source: 'request' });
    expect(update.lastError?.message).toHaveLength(300);
    expect(update.lastError?.message).not.toContain('s3cret');
    expect(update.lastError?.message).not.toContain('xyz');
  });

  it('a failed write does not stop later flushes', async () => {
    const { store, recorder } = setUp();
    const record = jest.spyOn(store, 'record').mockRejectedValueOnce(new Error('busy'));
    recorder.seen('t1', 'c1');
    await expect(recorder.flush()).rejects.toThrow('busy');
    recorder.refused('t1', 'c2', { status: 500, code: 'JOB', message: 'job 1 failed', source: 'job' });
    await recorder.flush();
    expect(record).toHaveBeenCalledTimes(2);
    expect(store.batches[0]).toEqual([expect.objectContaining({ connectionId: 'c2', errors: 1 })]);
  });

  it('masks connection tokens, API keys and authorization values', () => {
    expect(maskCredentials('con_AbC12.secret-part tly_abcdefghijkl Token abc,')).toBe('con_…(masked) tly_…(masked) Token …(masked),');
  });
});
