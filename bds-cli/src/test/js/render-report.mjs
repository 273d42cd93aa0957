// Opens a report file in headless Chromium (Debian's, driven by playwright-core) and prints one JSON verdict on
// stdout: what was requested over the network, console and page errors, each chart's geometry as laid out and painted,
// the key figures as shown, the retention cells and coverage notes; and saves a full-page screenshot.
//
// usage: node render-report.mjs <node_modules with playwright-core> <report.html> <screenshot.png> [chromium]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [modules, report, screenshot, executable = '/usr/bin/chromium'] = process.argv.slice(2);
if (!modules || !report || !screenshot) {
  console.error('usage: node render-report.mjs <node_modules> <report.html> <screenshot.png> [chromium]');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'noop.js'));
const { chromium } = require('playwright-core');

// a fresh profile: nothing cached or remembered from another run
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bds-report-chromium-'));
const url = pathToFileURL(path.resolve(report)).href;
const requests = [];
const consoleErrors = [];
const pageErrors = [];
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    viewport: { width: 1280, height: 900 },
    // without the background-networking switches Chromium keeps calling home, which a closed network answers slowly
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(url, { waitUntil: 'load' });

  const title = await page.title();
  const charts = [];
  const count = await page.locator('svg.chart').count();
  for (let i = 0; i < count; i++) {
    const svg = page.locator('svg.chart').nth(i);
    await svg.scrollIntoViewIfNeeded();
    charts.push(await svg.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const inView = (r) => r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5;
      const inside = (r) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
      const marks = [...el.querySelectorAll('.mark')];
      let visible = 0;
      let painted = 0;
      for (const m of marks) {
        const r = m.getBoundingClientRect();
        if (r.width > 0 && r.height > 0 && inView(r) && inside(r)) {
          visible++;
          // the mark itself is what the browser shows at its centre: drawn, not hidden under something else
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          if (m.tagName !== 'path' && r.width >= 2 && r.height >= 2 && (hit === m || m.contains(hit))) painted++;
        }
      }
      const sized = (sel) => [...el.querySelectorAll(sel)].filter((m) => { const r = m.getBoundingClientRect(); return r.width > 0 && r.height > 0; }).length;
      return {
        title: el.closest('figure')?.dataset.chart ?? '',
        width: box.width, height: box.height, inView: inView(box),
        marks: marks.length, visibleMarks: visible, paintedMarks: painted,
        bars: sized('rect.bar'), points: sized('circle.point'), lines: sized('path.line'),
        yTicks: el.querySelectorAll('text.tick.y').length, xTicks: el.querySelectorAll('text.tick.x').length,
        tooltips: el.querySelectorAll('.mark > title').length,
      };
    }));
  }
  const figures = await page.$$eval('.card', (cards) => Object.fromEntries(cards.map((c) => [c.dataset.metric, {
    label: c.querySelector('.label')?.textContent ?? '',
    value: c.querySelector('.value')?.textContent ?? '',
    was: c.querySelector('.was')?.textContent ?? '',
  }])));
  const heatCells = await page.$$eval('table.cohorts td.heat:not(.none)', (cells) => cells.map((c) => c.textContent));
  const notes = await page.$$eval('#coverage li', (items) => items.map((li) => li.textContent));
  const facts = await page.$$eval('dl.facts div', (items) => Object.fromEntries(items.map((d) => [d.querySelector('dt').textContent, d.querySelector('dd').textContent])));
  const scripts = await page.$$eval('script', (s) => s.length);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ url, title, requests, consoleErrors, pageErrors, scripts, charts, figures, heatCells, notes, facts }));
} finally {
  if (context) await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
