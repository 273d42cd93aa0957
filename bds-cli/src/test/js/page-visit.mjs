// What the web app scripts share: opening a page in a fresh tab and recording what went wrong on it, and reading a
// detail page's key-value list. Imported by web-app.mjs and xrp-web-app.mjs.
import path from 'node:path';

/**
 * Opens `base + route` in a fresh tab of `size` in `context`, waits until `ready` (a page-specific sign that the page
 * has drawn what it loads), lets `act` work and report, then takes a full-page screenshot into `screenshots` and
 * records the page's state in `pages[name]`: console and page errors, failed requests, error answers, the .error boxes
 * shown, the page's width against the window's. A step that fails is recorded as the page's `failure`, so that one
 * broken page does not hide the others.
 */
export async function visitPage(context, base, screenshots, pages, name, route, ready, act, size) {
  const page = await context.newPage();
  await page.setViewportSize(size);
  const record = { route, consoleErrors: [], pageErrors: [], failedRequests: [], errorAnswers: [] };
  page.on('console', (m) => { if (m.type() === 'error') record.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => record.pageErrors.push(String(e)));
  page.on('requestfailed', (r) => record.failedRequests.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) record.errorAnswers.push(`${r.status()} ${r.request().method()} ${r.url()}`); });
  pages[name] = record;
  try {
    await page.goto(base + route, { waitUntil: 'load' });
    await ready(page);
    Object.assign(record, await act(page));
  } catch (e) {
    record.failure = String(e?.stack ?? e);
  }
  try {
    Object.assign(record, await page.evaluate(() => ({
      hash: location.hash,
      title: document.querySelector('#main h1')?.textContent ?? '',
      errors: [...document.querySelectorAll('.error')].map((e) => e.textContent),
      scrollWidth: document.scrollingElement.scrollWidth,
      innerWidth: window.innerWidth,
    })));
    record.screenshot = path.join(screenshots, name + '.png');
    await page.screenshot({ path: record.screenshot, fullPage: true });
  } catch (e) {
    record.failure = (record.failure ? record.failure + '\n' : '') + String(e?.stack ?? e);
  }
  await page.close();
}

/** The key-value list of a detail page (block, transaction, address, ledger) as an object. */
export function keyValues(page) {
  return page.locator('#main dl.kv').first().evaluate((dl) => {
    const out = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent] = dt.nextElementSibling?.textContent ?? '';
    return out;
  });
}
