import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WORKSPACE_ROOT } from '@tally/test-support';

/** The Debian Chromium (`apt-get install chromium`); CHROMIUM_PATH overrides it. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** Where every page's screenshot goes (gitignored). */
export const SCREENSHOTS = resolve(WORKSPACE_ROOT, 'apps/admin-e2e/output/screenshots');

/**
 * Launches headless Chromium quietly: no sandbox (CI runs as root), no background traffic,
 * no first-run work; Playwright gives each launch a fresh temporary profile.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-gpu', '--disable-sync'],
  });
}

/** Console errors and uncaught page errors of a page, checked after each test. */
export class ConsoleWatch {
  private readonly errors: string[] = [];
  private readonly allowed: RegExp[] = [];

  /** Watches a page of a context. */
  watch(page: Page): Page {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
    return page;
  }

  /** Declares an error the test provokes on purpose (the browser logs a 409 answer). */
  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }

  /** The errors that were not allowed, and forgets everything. */
  take(): string[] {
    const unexpected = this.errors.filter((e) => !this.allowed.some((p) => p.test(e)));
    this.errors.length = 0;
    this.allowed.length = 0;
    return unexpected;
  }
}

/** A new context with a watched page. */
export async function openPage(browser: Browser, watch: ConsoleWatch): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = watch.watch(await context.newPage());
  return { context, page };
}

/** Saves a full-page screenshot named after the page. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the sign-in page and waits for the shell. */
export async function signIn(page: Page, baseUrl: string, apiKey: string, path = '/admin/'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('role').waitFor();
}
