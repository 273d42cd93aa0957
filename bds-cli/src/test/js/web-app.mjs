// Walks the OpenBDS web app in headless Chromium (Debian's, driven by playwright-core) as a user would, and prints one
// JSON verdict on stdout. Every page is opened in a fresh tab of one fresh profile; for each it records console and
// page errors, failed requests and error answers, the .error boxes shown, the page's width against the window's, a
// screenshot, and what the page showed (rows, figures, how much of each chart is painted). On the way it drags a
// condition query together in the builder and runs it, saves a query from the SQL console (answering its prompt),
// and makes a dashboard with a chart tile that must still be there after a reload.
//
// usage: node web-app.mjs <node_modules with playwright-core> <configuration as JSON>
// The configuration: {base, screenshots, chromium, chain, block, blockHash, tx, address, sql, builderFee,
// savedQuery, dashboard}; see WebAppIT.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyValues, visitPage } from './page-visit.mjs';

const [modules, configuration] = process.argv.slice(2);
if (!modules || !configuration) {
  console.error('usage: node web-app.mjs <node_modules> <configuration as JSON>');
  process.exit(2);
}
const config = JSON.parse(configuration);
const require = createRequire(path.join(path.resolve(modules), 'noop.js'));
const { chromium } = require('playwright-core');

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
// the plot area of the app's full-size charts (chart.ts: grid left 60, right 20, top 10 or 30, bottom 50), where only
// grid lines (grey) and the series' marks (coloured) are drawn: the legend and the zoom slider are outside it
const PLOT = { left: 60, right: 20, top: 30, bottom: 50 };

const verdict = { pages: {} };
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bds-web-chromium-'));
fs.mkdirSync(config.screenshots, { recursive: true });
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: config.chromium,
    headless: true,
    viewport: WIDE,
    // without the background-networking switches Chromium keeps calling home, which a closed network answers slowly
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await walk();
  console.log(JSON.stringify(verdict));
} finally {
  if (context) await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

async function walk() {
  const chain = config.chain;
  const main = `.chain[data-chain="${chain}"] .card table tbody tr`;
  await visit('overview', '#/', (p) => p.locator(main).first().waitFor(), overview);
  await visit('overview-phone', '#/', (p) => p.locator(main).first().waitFor(), overview, PHONE);
  await visit('metrics', `#/metrics?chain=${chain}&m=TxCnt,AdrActCnt&interval=day`, (p) => p.locator('#metric-chart[data-series]').waitFor(), async (p) => ({
    series: Number(await p.getAttribute('#metric-chart', 'data-series')),
    chart: await paint(p.locator('#metric-chart canvas').first(), PLOT),
    notes: await p.locator('#main .notes p').allTextContents(),
  }));
  await visit('block', `#/block/${chain}/${config.block}`, (p) => p.locator('#main .card table tbody tr').first().waitFor(), async (p) => ({
    facts: await keyValues(p),
    rows: await p.locator('#main .card table tbody tr').count(),
  }));
  await visit('search', `#/search/${chain}?q=${encodeURIComponent(config.blockHash)}`,
    (p) => p.waitForFunction(() => location.hash.startsWith('#/block/') && document.querySelector('#main .card table tbody tr') !== null), async (p) => ({
      facts: await keyValues(p),
    }));
  await visit('transaction', `#/tx/${chain}/${config.tx}`, (p) => p.locator('#main .two .card table').nth(1).waitFor(), async (p) => ({
    id: await p.locator('#main p.mono').textContent(),
    facts: await keyValues(p),
    inputs: await p.locator('#main .two .card').nth(0).locator('tbody tr').count(),
    outputs: await p.locator('#main .two .card').nth(1).locator('tbody tr').count(),
  }));
  await visit('address', `#/address/${chain}/${config.address}`, (p) => p.locator('#balance-chart canvas').waitFor(), address);
  await visit('sql', '#/sql?sql=' + encodeURIComponent(config.sql), (p) => p.locator('#sql-output table').waitFor(), sqlConsole);
  await visit('builder', `#/builder?chain=${chain}&table=transactions`, (p) => p.locator('#b-fields .field[data-field="fee"]').waitFor(), builder);
  await visit('dashboard', '#/dashboards', (p) => p.locator('#new-dashboard-name').waitFor(), dashboard);
}

function visit(name, route, ready, act, size = WIDE) {
  return visitPage(context, config.base, config.screenshots, verdict.pages, name, route, ready, act, size);
}

async function overview(page) {
  // each headline draws its sparkline on the next frame: wait for all of them
  await page.waitForFunction(() => {
    const kpis = document.querySelectorAll('.kpi');
    return kpis.length > 0 && document.querySelectorAll('.kpi .chart canvas').length === kpis.length;
  });
  const kpis = [];
  for (const kpi of await page.locator('.kpi').all()) {
    kpis.push({
      metric: new URLSearchParams((await kpi.getAttribute('href')).split('?')[1]).get('m'),
      value: await kpi.locator('.kpi-value').textContent(),
      spark: await paint(kpi.locator('canvas').first(), null),
    });
  }
  return {
    status: await page.locator('.chain .status').first().textContent(),
    kpis,
    latestBlocks: await page.locator('.chain .card table tbody tr').count(),
  };
}

async function address(page) {
  const more = page.locator('#more-history');
  const rows = () => page.evaluate(() => document.querySelector('#more-history').closest('.card').querySelectorAll('tbody tr').length);
  // load the whole history, a page at a time
  while (await more.isEnabled()) {
    const before = await rows();
    await more.click();
    await page.waitForFunction((n) => document.querySelector('#more-history').closest('.card').querySelectorAll('tbody tr').length > n, before);
  }
  return {
    facts: await keyValues(page),
    history: await rows(),
    moreButton: await more.textContent(),
    chart: await paint(page.locator('#balance-chart canvas').first(), { ...PLOT, top: 10 }),
  };
}

async function sqlConsole(page) {
  const output = page.locator('#sql-output');
  const columns = await output.locator('thead th').allTextContents();
  const rows = await tableRows(output);
  await output.locator('select.chart-type').selectOption('line');
  await output.locator('select.chart-x').selectOption(columns[0]);
  await output.locator('select.chart-y').selectOption([columns[1]]);
  const canvas = output.locator('.chart:not([hidden]) canvas').first();
  await canvas.waitFor();
  const chart = await paint(canvas, { ...PLOT, top: 10 });
  page.once('dialog', (d) => void d.accept(config.savedQuery));
  await page.click('#sql-save');
  await page.locator('#saved-queries a', { hasText: config.savedQuery }).waitFor();
  return { columns, rows, chart, saved: await page.locator('#saved-queries a').allTextContents() };
}

async function builder(page) {
  const field = (name) => page.locator(`#b-fields .field[data-field="${name}"]`);
  const slot = (name) => page.locator(`.slot[data-slot="${name}"]`);
  // HTML5 drag and drop, as a mouse does it; each drop redraws the slots with one more entry
  const drop = async (name, into) => {
    const entries = await slot(into).locator('.entry').count();
    await field(name).dragTo(slot(into));
    await slot(into).locator('.entry').nth(entries).waitFor();
  };
  await drop('fee', 'filters');
  await slot('filters').locator('select[aria-label="operator"]').selectOption('>');
  await slot('filters').locator('.entry input').fill(String(config.builderFee));
  await drop('block_height', 'groups');
  await drop('output_value', 'aggregates');
  await slot('aggregates').locator('select[aria-label="function"]').selectOption('sum');
  await drop('block_height', 'sort');
  await slot('sort').locator('select[aria-label="direction"]').selectOption('asc');
  const entries = {};
  for (const s of ['filters', 'groups', 'aggregates', 'sort']) entries[s] = await slot(s).locator('.entry b').allTextContents();
  await page.click('#b-run');
  const output = page.locator('#b-output');
  await output.locator('table').waitFor();
  const columns = await output.locator('thead th').allTextContents();
  const rows = await tableRows(output);
  await output.locator('select.chart-type').selectOption('bar');
  await output.locator('select.chart-x').selectOption('block_height');
  const canvas = output.locator('.chart:not([hidden]) canvas').first();
  await canvas.waitFor();
  return {
    entries,
    sql: await page.locator('#b-sql').textContent(),
    info: await page.locator('#b-output #result-info').textContent(),
    columns,
    rows,
    chart: await paint(canvas, { ...PLOT, top: 10 }),
  };
}

async function dashboard(page) {
  await page.fill('#new-dashboard-name', config.dashboard);
  await page.click('#new-dashboard');
  await page.locator('#tile-query').waitFor();
  await page.locator('#tile-query').selectOption({ label: config.savedQuery });
  await page.locator('#tile-view').selectOption('line');
  await page.click('#add-tile');
  await page.locator('#dashboard-grid .tile .chart:not([hidden]) canvas').waitFor();
  const before = await tiles(page);
  await page.reload({ waitUntil: 'load' });
  await page.locator('#dashboard-grid .tile .chart:not([hidden]) canvas').waitFor();
  return { id: new URL(page.url()).hash.split('/')[2], title: await page.locator('#main h1').textContent(), before, after: await tiles(page) };
}

async function tiles(page) {
  const out = [];
  for (const tile of await page.locator('#dashboard-grid .tile').all()) {
    out.push({
      title: await tile.locator('h3').textContent(),
      rows: await tile.locator('tbody tr').count(),
      chart: await paint(tile.locator('.chart:not([hidden]) canvas').first(), { ...PLOT, top: 10 }),
    });
  }
  return out;
}

/** Every row of the result table under `scope`, page by page, as cell texts; leaves the first page shown. */
async function tableRows(scope) {
  const rows = [];
  const next = scope.locator('.pager button', { hasText: 'Next' });
  const previous = scope.locator('.pager button', { hasText: 'Previous' });
  for (;;) {
    for (const tr of await scope.locator('tbody tr').all()) rows.push(await tr.locator('td').allTextContents());
    if ((await next.count()) === 0 || !(await next.isEnabled())) break;
    const first = await scope.locator('.page-of').textContent();
    await next.click();
    await scope.locator('.page-of').filter({ hasNotText: first }).waitFor();
  }
  while ((await previous.count()) > 0 && (await previous.isEnabled())) {
    const shown = await scope.locator('.page-of').textContent();
    await previous.click();
    await scope.locator('.page-of').filter({ hasNotText: shown }).waitFor();
  }
  return rows;
}

/**
 * How much of a chart's canvas is painted: its size, the pixels drawn at all, and within `plot` (insets in CSS
 * pixels; null for the whole canvas) the coloured ones: grid lines and labels are grey, a series' line or bars are not.
 */
function paint(canvas, plot) {
  return canvas.evaluate((c, inset) => {
    if (c.width === 0 || c.height === 0) return { width: c.clientWidth, height: c.clientHeight, painted: 0, coloured: 0, dataUrl: 0 };
    const ratio = c.width / c.clientWidth;
    const box = inset ?? { left: 0, right: 0, top: 0, bottom: 0 };
    const x0 = Math.round(box.left * ratio);
    const x1 = c.width - Math.round(box.right * ratio);
    const y0 = Math.round(box.top * ratio);
    const y1 = c.height - Math.round(box.bottom * ratio);
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let painted = 0;
    let coloured = 0;
    for (let y = 0; y < c.height; y++) {
      for (let x = 0; x < c.width; x++) {
        const i = (y * c.width + x) * 4;
        if (data[i + 3] === 0) continue;
        painted++;
        const spread = Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]);
        if (x >= x0 && x < x1 && y >= y0 && y < y1 && spread > 60 && data[i + 3] > 100) coloured++;
      }
    }
    return { width: c.clientWidth, height: c.clientHeight, painted, coloured, dataUrl: c.toDataURL('image/png').length };
  }, plot);
}
