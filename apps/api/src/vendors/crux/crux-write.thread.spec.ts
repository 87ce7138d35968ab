import { ApplicationError, ApplicationErrorCodes } from '@tally/inventory-application';
import { CruxErrorCodes, type CruxCall } from '@tally/vendor-crux';
import { CruxWriteThread } from './crux-write.thread';

// A stand-in thread speaking the write thread's protocol: it answers each call's element count,
// fails the token 'busy' with the store's code, and dies on the token 'crash'.
const FAKE_THREAD = new URL(
  `data:text/javascript,${encodeURIComponent(`
import { parentPort } from 'node:worker_threads';
parentPort.on('message', (command) => {
  if (command.type === 'stop') { parentPort.close(); return; }
  if (command.token === 'crash') process.exit(3);
  if (command.token === 'busy') {
    parentPort.postMessage({ type: 'failed', id: command.id, error: { code: 'STORE.RETRY_EXHAUSTED', message: 'the store stayed busy', field: 'store' } });
    return;
  }
  parentPort.postMessage({ type: 'done', id: command.id, results: JSON.stringify(JSON.parse(command.calls).map((call) => ({ ok: true, value: call.map(() => null) }))) });
});
`)}`,
);

const call = (elements: number): CruxCall =>
  Array.from({ length: elements }, () => ({ ok: false, error: { status: 400, code: CruxErrorCodes.invalidField, message: 'x', errors: [] } }));

describe('CruxWriteThread', () => {
  let thread: CruxWriteThread;

  beforeEach(() => {
    thread = new CruxWriteThread({ databaseUrl: 'sqlite::memory:', unsafeTestMode: null }, FAKE_THREAD, 50);
  });

  afterEach(async () => {
    await thread.onApplicationShutdown();
  });

  it('answers each group with what the thread sent back for it', async () => {
    const [one, two] = await Promise.all([thread.run('t', [call(1)]), thread.run('t', [call(2), call(1)])]);
    expect(one).toEqual([{ ok: true, value: [null] }]);
    expect(two).toEqual([
      { ok: true, value: [null, null] },
      { ok: true, value: [null] },
    ]);
  });

  it("rethrows the thread's application error with its code, so it renders the same", async () => {
    const failure = await thread.run('busy', [call(1)]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApplicationError);
    expect(failure).toMatchObject({ code: ApplicationErrorCodes.retryExhausted, message: 'the store stayed busy', field: 'store' });
  });

  it('fails the groups of a thread that died as retryable, and serves again from a new thread', async () => {
    const lost = await thread.run('crash', [call(1)]).catch((error: unknown) => error);
    expect(lost).toMatchObject({ code: ApplicationErrorCodes.retryExhausted });
    let answer: unknown = null;
    for (let attempt = 0; attempt < 100 && answer === null; attempt++) {
      answer = await thread.run('t', [call(1)]).catch(() => null);
      if (answer === null) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(answer).toEqual([{ ok: true, value: [null] }]);
  });

  it('fails the group of a thread that cannot start as retryable, and starts no other within the restart delay', async () => {
    const broken = new CruxWriteThread(
      { databaseUrl: 'sqlite::memory:', unsafeTestMode: null },
      new URL(`data:text/javascript,${encodeURIComponent("throw new Error('cannot open the database');")}`),
      60_000,
    );
    await expect(broken.run('t', [call(1)])).rejects.toMatchObject({ code: ApplicationErrorCodes.retryExhausted });
    await expect(broken.run('t', [call(1)])).rejects.toMatchObject({ code: ApplicationErrorCodes.retryExhausted });
    await broken.onApplicationShutdown();
  });

  it('refuses new groups once shut down', async () => {
    await thread.onApplicationShutdown();
    await expect(thread.run('t', [call(1)])).rejects.toMatchObject({ code: ApplicationErrorCodes.retryExhausted });
  });
});
