import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from './http.client';
import { runToExit, startServer } from './server.process';

// A stand-in for the built API: it prints the API's banner lines and answers over real HTTP.
const FAKE_API = `
const http = require('node:http');
const server = http.createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ env: process.env.FAKE_VALUE ?? null }));
});
if (process.env.FAKE_FAIL) { console.error('refusing: ' + process.env.FAKE_FAIL); process.exit(3); }
server.listen(Number(process.env.PORT), process.env.HOST, () => {
  console.log('Tally API listening on http://127.0.0.1:' + server.address().port);
  console.log('Admin API key (shown this once; Tally keeps only its hash):\\n\\n  tly_printed_key\\n');
  console.error('a warning on stderr');
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** Waits until `check` holds (output arrives on its own pipe, after the listening line maybe). */
async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('startServer', () => {
  let dir: string;
  let script: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tally-test-support-'));
    script = join(dir, 'fake-api.js');
    writeFileSync(script, FAKE_API);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for the listening line, answers over HTTP with the given env and keeps stdout and stderr apart', async () => {
    const server = await startServer({ script, env: { FAKE_VALUE: 'seen' }, logFile: (pid) => join(dir, `fake-${pid}.log`) });
    try {
      expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await client(server.baseUrl, null)('GET', '/')).body).toEqual({ env: 'seen' });
      await eventually(() => server.errors().length > 0);
      expect(server.output()).toContain('Tally API listening on');
      expect(server.output()).not.toContain('a warning on stderr');
      expect(server.errors()).toContain('a warning on stderr');
      expect(server.transcript()).toContain('Tally API listening on');
      expect(server.transcript()).toContain('a warning on stderr');
      expect(server.printedAdminKey()).toBe('tly_printed_key');
    } finally {
      expect(await server.stop()).toEqual({ code: 0, signal: null });
    }
    const log = join(dir, `fake-${server.pid}.log`);
    await eventually(() => existsSync(log) && readFileSync(log, 'utf8').includes('a warning'));
    expect(existsSync(log) && readFileSync(log, 'utf8')).toContain('a warning on stderr');
  });

  it('kills with SIGKILL, and a second stop answers the same end', async () => {
    const server = await startServer({ script });
    expect(await server.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await server.stop()).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('rejects with what the process printed when it exits before listening', async () => {
    await expect(startServer({ script, env: { FAKE_FAIL: 'bad PORT' } })).rejects.toThrow(/exited with 3 before listening:\nrefusing: bad PORT/);
  });

  it('refuses a script that is not built', async () => {
    await expect(startServer({ script: join(dir, 'missing.js') })).rejects.toThrow(/missing\.js is missing/);
  });
});

describe('runToExit', () => {
  it('answers the exit code and both outputs of a process that refuses to boot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tally-test-support-'));
    try {
      const script = join(dir, 'refuse.js');
      writeFileSync(script, "console.log('out'); console.error('PORT must be a number'); process.exit(1);");
      expect(await runToExit({ script, env: { PORT: 'eighty' } })).toEqual({ code: 1, stdout: 'out\n', stderr: 'PORT must be a number\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
