import { execFile } from 'node:child_process';

/** A server's memory right after a full garbage collection, in kB. */
export interface HeapFigures {
  /** V8 heap in use by objects (every space but code): what a leak of JavaScript objects makes grow. */
  readonly heapUsedKb: number;
  /** V8 heap in use by compiled code: grows as the optimizing compiler warms up, not with data. */
  readonly codeKb: number;
  /** Memory of buffers and native objects held by JavaScript objects. */
  readonly externalKb: number;
  readonly rssKb: number;
}

// Runs in its own Node process: Node 20 has a WebSocket client only behind a flag, and the inspector
// protocol needs one. It asks the server's inspector for a full GC, then for the heap's spaces and
// process.memoryUsage() (`require` comes from the inspector's command-line API).
const PROBE = `
const ws = new WebSocket(process.argv[1]);
let id = 0;
const pending = new Map();
const call = (method, params = {}) => new Promise((resolve) => { pending.set(++id, resolve); ws.send(JSON.stringify({ id, method, params })); });
ws.onmessage = (event) => { const m = JSON.parse(event.data); pending.get(m.id)?.(m); pending.delete(m.id); };
ws.onerror = () => { console.error('inspector connection failed'); process.exit(2); };
ws.onopen = async () => {
  await call('HeapProfiler.collectGarbage');
  const expression = 'JSON.stringify({ memory: process.memoryUsage(), spaces: require("v8").getHeapSpaceStatistics() })';
  const answer = await call('Runtime.evaluate', { expression, returnByValue: true, includeCommandLineAPI: true });
  console.log(answer.result.result.value);
  ws.close();
};
`;

/**
 * Measures a server started with `--inspect` (its inspector's WebSocket URL) after a full garbage
 * collection, so that a sample shows what the process still holds, not garbage not yet collected.
 */
export function heapAfterGc(inspectorUrl: string): Promise<HeapFigures> {
  return new Promise((resolveFigures, reject) => {
    execFile(process.execPath, ['--experimental-websocket', '--no-warnings', '-e', PROBE, inspectorUrl], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`heap probe failed: ${error.message} ${stderr}`));
      const { memory, spaces } = JSON.parse(stdout) as { memory: { external: number; rss: number }; spaces: { space_name: string; space_used_size: number }[] };
      const used = (code: boolean) => spaces.filter((s) => s.space_name.startsWith('code_') === code).reduce((sum, s) => sum + s.space_used_size, 0);
      const kb = (bytes: number) => Math.round(bytes / 1024);
      resolveFigures({ heapUsedKb: kb(used(false)), codeKb: kb(used(true)), externalKb: kb(memory.external), rssKb: kb(memory.rss) });
    });
  });
}
