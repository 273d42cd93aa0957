// Walks the web app's XRP Ledger pages in headless Chromium (Debian's, driven by playwright-core) and prints one JSON
// verdict on stdout: the overview, the latest ledgers, a ledger, a search for a ledger hash, a transaction and an
// account. Every page is opened in a fresh tab; for each it records console and page errors, failed requests and
// error answers, the .error boxes shown, the page's width against the window's, a screenshot, and what it showed.
//
// usage: node xrp-web-app.mjs <node_modules with playwright-core> <configuration as JSON>
// The configuration: {base, screenshots, chromium, chain, ledger, ledgerHash, tx, account}; see XrpWebAppIT.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyValues, visitPage } from './page-visit.mjs';

const [modules, configuration] = process.argv.slice(2);
if (!modules || !configuration) {
  console.error('usage: node xrp-web-app.mjs <node_modules> <configuration as JSON>');
  process.exit(2);
}
const config = JSON.parse(configuration);
const require = createRequire(path.join(path.resolve(modules), 'noop.js'));
const { chromium } = require('playwright-core');

const WIDE = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const verdict = { pages: {} };
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bds-xrp-web-chromium-'));
fs.mkdirSync(config.screenshots, { recursive: true });
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: config.chromium,
    headless: true,
    viewport: WIDE,
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
  await visit('overview', '#/', (p) => p.locator(`.chain[data-chain="${chain}"] .card table tbody tr`).first().waitFor(), async (p) => ({
    status: await p.locator(`.chain[data-chain="${chain}"] .status`).textContent(),
    rows: await p.locator(`.chain[data-chain="${chain}"] .card table tbody tr`).count(),
  }));
  await visit('ledgers', `#/ledgers/${chain}`, (p) => p.locator('#more-ledgers', { hasText: 'All loaded' }).waitFor(), async (p) => ({
    facts: await keyValues(p),
    rows: await rows(p.locator('#main .card').first()),
  }));
  await visit('ledger', `#/block/${chain}/${config.ledger}`, (p) => p.locator('#more-transactions', { hasText: 'All loaded' }).waitFor(), async (p) => ({
    facts: await keyValues(p),
    rows: await rows(p.locator('#main .card').first()),
  }));
  await visit('ledger-phone', `#/block/${chain}/${config.ledger}`, (p) => p.locator('#more-transactions', { hasText: 'All loaded' }).waitFor(), async (p) => ({
    facts: await keyValues(p),
  }), PHONE);
  await visit('search', `#/search/${chain}?q=${encodeURIComponent(config.ledgerHash.toLowerCase())}`,
    (p) => p.waitForFunction(() => location.hash.startsWith('#/block/') && document.querySelector('#more-transactions') !== null), async (p) => ({
      facts: await keyValues(p),
    }));
  await visit('transaction', `#/tx/${chain}/${config.tx}`, (p) => p.locator('#raw-json').waitFor(), async (p) => ({
    id: await p.locator('#main p.mono').textContent(),
    facts: await keyValues(p),
    cards: await p.locator('#main .card > h2').allTextContents(),
    balanceChanges: await rows(p.locator('#main .card', { has: p.locator('h2', { hasText: 'Balance changes' }) })),
  }));
  await visit('account', `#/address/${chain}/${config.account}`, (p) => p.locator('#more-history', { hasText: 'All loaded' }).waitFor(), async (p) => ({
    facts: await keyValues(p),
    issued: await rows(p.locator('#main .card', { has: p.locator('h2', { hasText: 'Issued currencies' }) })),
    history: await rows(p.locator('#main .card', { has: p.locator('h2', { hasText: 'Transactions' }) })),
  }));
}

function visit(name, route, ready, act, size = WIDE) {
  return visitPage(context, config.base, config.screenshots, verdict.pages, name, route, ready, act, size);
}

/** The rows of the first table under `scope` as cell texts. */
async function rows(scope) {
  const out = [];
  for (const tr of await scope.locator('table').first().locator('tbody tr').all()) out.push(await tr.locator('td').allTextContents());
  return out;
}

