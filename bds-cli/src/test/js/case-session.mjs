// The headless Chromium session the case workspace scripts run in (Debian's Chromium, driven by playwright-core): a
// fresh profile, every console and page error, failed request and error answer recorded in the verdict (and, where the
// verdict has `requests`, every API request), a screenshot when the work fails, and the verdict printed as one JSON
// line on stdout at the end. Also what both scripts read off the page.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Opens the workspace's browser, runs `work(page)` and prints `verdict`. `config` needs {chromium, screenshots, chain};
 * `failureShot` names the screenshot taken when the work throws.
 */
export async function runCase(modules, config, verdict, failureShot, work) {
  const require = createRequire(path.join(path.resolve(modules), 'noop.js'));
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bds-case-chromium-'));
  fs.mkdirSync(config.screenshots, { recursive: true });
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: config.chromium,
      headless: true,
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') verdict.consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => verdict.pageErrors.push(String(e)));
    if (verdict.requests) {
      page.on('request', (r) => { if (r.url().includes('/api/')) verdict.requests.push(`${r.method()} ${r.url()}`); });
    }
    page.on('requestfailed', (r) => verdict.failedRequests.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
    page.on('response', (r) => { if (r.status() >= 400) verdict.errorAnswers.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
    try {
      await work(page);
    } catch (e) {
      verdict.failure = String(e?.stack ?? e);
      try {
        await page.screenshot({ path: path.join(config.screenshots, failureShot), fullPage: true });
      } catch {
        // the verdict says what failed; the picture was a help only
      }
    }
    console.log(JSON.stringify(verdict));
  } finally {
    if (context) await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The graph as the page draws it, and the figures it shows above it. */
export async function graph(page) {
  return page.evaluate(() => ({
    elements: window.openbdsCase.elements(),
    stats: document.querySelector('#graph-stats').textContent,
  }));
}

/** Waits for the answer of a trace request of `chain` the page sends while `action` runs, and returns its JSON. */
export async function traced(page, chain, action) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/chains/${chain}/trace`) && r.request().method() === 'POST'),
    action(),
  ]);
  return { status: response.status(), body: await response.json() };
}

/** A screenshot of the top of the page, `name`.png in `directory`; returns the file. */
export async function shot(page, directory, name) {
  const file = path.join(directory, name + '.png');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
