/**
 * The load balancer of `npm run bench:scale`: a `node:cluster` primary that runs SCALE_PROCESSES
 * copies of the built API as its workers on one port. On Linux the primary accepts each
 * connection and hands it to the next worker in turn (round robin), then stays out of the
 * requests' way: it parses no HTTP, so the machine's two cores go to Tally and PostgreSQL, not to
 * a proxy. The workers get SCALE_API_ENV (JSON) as their whole environment, as `startApi` would.
 * Prints the workers' pids, then `balancer of N processes listening on <url>` once all listen.
 */
import cluster from 'node:cluster';
import { createServer, type AddressInfo } from 'node:net';
import { API_MAIN } from '@tally/test-support';

const PROCESSES = Number(process.env['SCALE_PROCESSES'] ?? '1');
const API_ENV = JSON.parse(process.env['SCALE_API_ENV'] ?? '{}') as Record<string, string>;

/** A port free now, for the workers to share. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolvePort(port));
    });
  });
}

async function main(): Promise<void> {
  if (!(Number.isInteger(PROCESSES) && PROCESSES >= 1)) throw new Error('SCALE_PROCESSES must be a whole number from 1');
  const port = await freePort();
  // A worker's environment is the primary's plus fork's: keep only what the API is given.
  for (const name of Object.keys(process.env)) if (name !== 'PATH') delete process.env[name];
  cluster.setupPrimary({ exec: API_MAIN, execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')) });
  const listening = Array.from(
    { length: PROCESSES },
    () =>
      new Promise<number>((resolveWorker, reject) => {
        const worker = cluster.fork({ ...API_ENV, PORT: String(port), HOST: '127.0.0.1' });
        worker.once('listening', () => resolveWorker(worker.process.pid ?? -1));
        worker.once('exit', (code) => reject(new Error(`an API worker exited with ${code} before listening`)));
      }),
  );
  const pids = await Promise.all(listening);
  process.stdout.write(`api worker pids: ${pids.join(',')}\n`);
  process.stdout.write(`balancer of ${PROCESSES} processes listening on http://127.0.0.1:${port}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
