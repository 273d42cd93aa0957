// Works an account-chain case in the OpenBDS case workspace in headless Chromium (Debian's, driven by playwright-core),
// as an investigator would, and prints one JSON verdict on stdout: it traces from a transaction hash with the form,
// expands the graph from a frontier account and from one transfer of a transaction, filters transfers by value,
// colours by taint, notes a transfer, saves the case, reloads it, exports it as JSON and PNG, and finally traces a
// token by its contract. After each step it records the graph as drawn (every node, every edge with its value and
// taint, and whether it is hidden), the frontier table's cells and the API's answers the page received; throughout,
// every API request, console and page errors, failed requests and error answers. Screenshots go to the configured
// directory.
//
// usage: node case-workspace-accounts.mjs <node_modules with playwright-core> <configuration as JSON>
// The configuration: {base, screenshots, chromium, chain, from, hops, taint, stopAtLabels, expandAccount, split,
// expandTransfer, minValue, note, title, token, tokenFrom}; see CaseWorkspaceAccountsIT.
import path from 'node:path';
import { graph, runCase, shot as shotIn, traced as tracedOf } from './case-session.mjs';

const [modules, configuration] = process.argv.slice(2);
if (!modules || !configuration) {
  console.error('usage: node case-workspace-accounts.mjs <node_modules> <configuration as JSON>');
  process.exit(2);
}
const config = JSON.parse(configuration);
const verdict = { consoleErrors: [], pageErrors: [], failedRequests: [], errorAnswers: [], requests: [], steps: {} };
await runCase(modules, config, verdict, 'case-workspace-accounts-failure.png', work);

/** The frontier table's rows, each as its cells' texts. */
async function frontier(page) {
  return page.$$eval('#case-frontier tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
}

async function traced(page, action) {
  return tracedOf(page, config.chain, action);
}

async function shot(page, name) {
  return shotIn(page, config.screenshots, name);
}

/** Expands the graph from what is selected, once the selection offers it, and waits until the page added it. */
async function expand(page, start) {
  await page.locator('#case-expand:not([disabled])').waitFor();
  const button = await page.locator('#case-expand').textContent();
  const answer = await traced(page, () => page.click('#case-expand'));
  await page.locator('#case-status', { hasText: `expanded from ${start}:` }).waitFor();
  return { answer, button, ...(await graph(page)), added: JSON.parse(await page.getAttribute('#case-status', 'data-added')) };
}

async function work(page) {
  const steps = verdict.steps;
  await page.goto(config.base + '#/cases', { waitUntil: 'load' });
  await page.locator('#case-chain option').first().waitFor({ state: 'attached' });

  // a trace from the form: an Ethereum-family chain asks for the asset and takes a transaction hash
  await page.selectOption('#case-chain', config.chain);
  steps.form = { assetVisible: await page.isVisible('#case-asset'), placeholder: await page.getAttribute('#case-from', 'placeholder') };
  await page.fill('#case-from', config.from);
  await page.fill('#case-asset', 'native');
  await page.selectOption('#case-direction', 'forward');
  await page.fill('#case-hops', String(config.hops));
  await page.selectOption('#case-taint', config.taint);
  await page.selectOption('#case-stop-labels', config.stopAtLabels);
  const trace = await traced(page, () => page.click('#case-trace'));
  await page.locator('#graph-stats[data-nodes]').waitFor({ state: 'attached' });
  steps.trace = { answer: trace, ...(await graph(page)), timeline: await page.locator('#case-timeline tbody tr').count(), frontier: await frontier(page),
    clustersShown: await page.isVisible('#case-clusters'), legend: await page.locator('#case-legend .legend-entry').allTextContents() };

  // expanded from an account the trace stopped at: a forward trace from its address
  await page.locator(`#case-frontier tbody tr[data-address="${config.expandAccount}"]`).first().click();
  steps.expandAccount = await expand(page, config.expandAccount);

  // expanded from one transfer: the transaction selected in the timeline lists its transfers
  await page.click(`#case-timeline tbody tr[data-txid="${config.split}"]`);
  await page.click(`#case-transfers button[data-edge="send:${config.expandTransfer}"]`);
  const selected = await page.locator('#case-selection dl').textContent();
  steps.expandTransfer = { ...(await expand(page, config.expandTransfer)), selection: selected };

  // transfers below a value hidden, then shown again
  await page.fill('#filter-value', String(config.minValue));
  steps.filter = await graph(page);
  await page.fill('#filter-value', '');
  steps.unfiltered = await graph(page);

  // coloured by taint; a note on the split's first transfer, which stays selected for the picture
  await page.selectOption('#case-colour', 'taint');
  await page.click(`#case-timeline tbody tr[data-txid="${config.split}"]`);
  const first = page.locator('#case-transfers button').first();
  const edge = await first.getAttribute('data-edge');
  await first.click();
  await page.fill('#case-note', config.note);
  await page.click('#case-note-save');
  await page.locator('#case-notes li', { hasText: config.note }).waitFor();
  steps.note = { edge, notes: await page.locator('#case-notes li').allTextContents() };
  steps.note.screenshot = await shot(page, 'case-workspace-accounts');

  // saved in the warehouse, opened at its own link, and again after a reload
  await page.fill('#case-name', config.title);
  await page.click('#case-save');
  await page.waitForFunction(() => /^#\/cases\/[0-9a-f]{12}$/.test(location.hash));
  await page.locator('#main h1', { hasText: config.title }).waitFor();
  await page.locator('#graph-stats[data-nodes]').waitFor({ state: 'attached' });
  await page.locator('#saved-cases li[data-case]').first().waitFor();
  steps.saved = { hash: await page.evaluate(() => location.hash), ...(await graph(page)) };
  await page.reload({ waitUntil: 'load' });
  await page.locator('#graph-stats[data-nodes]').waitFor({ state: 'attached' });
  await page.locator('#saved-cases li[data-case]').first().waitFor();
  steps.reloaded = {
    ...(await graph(page)),
    title: await page.locator('#main h1').textContent(),
    notes: await page.locator('#case-notes li').allTextContents(),
    colour: await page.inputValue('#case-colour'),
    asset: await page.inputValue('#case-asset'),
    clustersShown: await page.isVisible('#case-clusters'),
    saved: await page.locator('#saved-cases li[data-case]').allTextContents(),
  };

  // exported: the case as JSON, the graph as PNG
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('#case-export-json')]);
  const jsonFile = path.join(config.screenshots, 'exported-case.json');
  await json.saveAs(jsonFile);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('#case-export-png')]);
  const pngFile = path.join(config.screenshots, 'exported-graph.png');
  await png.saveAs(pngFile);
  steps.exported = { json: jsonFile, jsonName: json.suggestedFilename(), png: pngFile, pngName: png.suggestedFilename() };
  const scroll = await page.evaluate(() => ({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth }));
  Object.assign(verdict, scroll);

  // a new case: the tokens, traced by their contract
  await page.goto(config.base + '#/cases', { waitUntil: 'load' });
  await page.locator('#case-chain option').first().waitFor({ state: 'attached' });
  await page.selectOption('#case-chain', config.chain);
  await page.fill('#case-from', config.tokenFrom);
  await page.fill('#case-asset', config.token);
  await page.fill('#case-hops', String(config.hops));
  await page.selectOption('#case-taint', config.taint);
  await page.selectOption('#case-stop-labels', config.stopAtLabels);
  const tokens = await traced(page, () => page.click('#case-trace'));
  await page.locator('#case-status', { hasText: 'token ' + config.token }).waitFor();
  steps.token = { answer: tokens, ...(await graph(page)), frontier: await frontier(page) };
}
