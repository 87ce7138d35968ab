/**
 * `npm run demo:page-load`: how long each console page takes to show its content in the Debian
 * Chromium, on a running Tally (TALLY_URL, TALLY_KEY, as `seed:demo` uses; CHROMIUM_PATH to use
 * another browser). Each page is opened 5 times after one warm-up, timed from the navigation to
 * its heading, and to the network idle (every request answered; Playwright counts idle after
 * 500 ms without a request, so that column includes those 500 ms).
 * Prints the median and the worst per page, and the bytes of the API answers it read. Figures only.
 */
import { chromium, type Page, type Response } from 'playwright-core';

const BASE_URL = process.env['TALLY_URL'] ?? 'http://localhost:3000';
const KEY = process.env['TALLY_KEY'];
const ROUNDS = 5;
const PAGES = ['/', '/items', '/items?status=low_stock', '/low-stock', '/import', '/ledger', '/discrepancies', '/jobs', '/connections', '/channels', '/keys'];

async function load(page: Page, path: string): Promise<{ heading: number; ms: number; bytes: number }> {
  let bytes = 0;
  const reads: Promise<void>[] = [];
  // The API's answers only: the console's own files are the same for every page (and cached).
  // Their bodies are measured, not their Content-Length: a streamed answer has none.
  const count = (response: Response) => {
    if (!new URL(response.url()).pathname.startsWith('/api/')) return;
    reads.push(
      response.body().then(
        (body) => void (bytes += body.length),
        () => undefined,
      ),
    );
  };
  page.on('response', count);
  const started = performance.now();
  await page.goto(`${BASE_URL}/admin${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  const heading = performance.now() - started;
  await page.waitForLoadState('networkidle');
  const ms = performance.now() - started;
  page.off('response', count);
  await Promise.all(reads);
  return { heading, ms, bytes };
}

async function main(): Promise<void> {
  if (!KEY) throw new Error('set TALLY_KEY to an admin key of the tenant to open');
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`${BASE_URL}/admin/`);
    await page.getByLabel('API key').fill(KEY);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    console.log(`page load at ${BASE_URL} (median and worst of ${ROUNDS}, after a warm-up)`);
    console.log('| page | heading, median ms | network idle, median ms | network idle, worst ms | API bytes |');
    console.log('|---|---:|---:|---:|---:|');
    for (const path of PAGES) {
      await load(page, path);
      const runs = [];
      for (let round = 0; round < ROUNDS; round++) runs.push(await load(page, path));
      const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
      const headings = sorted(runs.map((r) => r.heading));
      const idle = sorted(runs.map((r) => r.ms));
      const median = (values: number[]) => Math.round(values[Math.floor(ROUNDS / 2)]);
      console.log(`| ${path} | ${median(headings)} | ${median(idle)} | ${Math.round(idle[ROUNDS - 1])} | ${runs[0].bytes.toLocaleString('en')} |`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`page-load failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
