// Works a case in the OpenBDS case workspace in headless Chromium (Debian's, driven by playwright-core), as an
// investigator would, and prints one JSON verdict on stdout: it starts a trace from the form, expands the graph from a
// frontier output, filters flows by value, collapses a cluster, colours by taint, notes a transaction, saves the case,
// reloads it, and exports it as JSON and PNG. After each step it records the graph as drawn (every node and edge, and
// whether it is hidden) and the API's answers the page received; throughout, console and page errors, failed requests
// and error answers. Screenshots go to the configured directory.
//
// usage: node case-workspace.mjs <node_modules with playwright-core> <configuration as JSON>
// The configuration: {base, screenshots, chromium, chain, from, hops, taint, stopAtLabels, expandOutput, minValue,
// cluster, note, title}; see CaseWorkspaceIT.
import path from 'node:path';
import { graph, runCase, shot as shotIn, traced as tracedOf } from './case-session.mjs';

const [modules, configuration] = process.argv.slice(2);
if (!modules || !configuration) {
  console.error('usage: node case-workspace.mjs <node_modules> <configuration as JSON>');
  process.exit(2);
}
const config = JSON.parse(configuration);
const verdict = { consoleErrors: [], pageErrors: [], failedRequests: [], errorAnswers: [], steps: {} };
await runCase(modules, config, verdict, 'case-workspace-failure.png', work);

async function traced(page, action) {
  return tracedOf(page, config.chain, action);
}

async function shot(page, name) {
  return shotIn(page, config.screenshots, name);
}

async function work(page) {
  const steps = verdict.steps;
  await page.goto(config.base + '#/cases', { waitUntil: 'load' });
  await page.locator('#case-chain option').first().waitFor({ state: 'attached' });

  // a trace from the form
  await page.selectOption('#case-chain', config.chain);
  await page.fill('#case-from', config.from);
  await page.selectOption('#case-direction', 'forward');
  await page.fill('#case-hops', String(config.hops));
  await page.selectOption('#case-taint', config.taint);
  await page.selectOption('#case-stop-labels', config.stopAtLabels);
  const trace = await traced(page, () => page.click('#case-trace'));
  await page.locator('#graph-stats[data-nodes]').waitFor({ state: 'attached' });
  steps.trace = { answer: trace, ...(await graph(page)), timeline: await page.locator('#case-timeline tbody tr').count(),
    frontier: await page.locator('#case-frontier tbody tr').count() };

  // expanded from a frontier output: a further trace merged into the graph
  await page.click(`#case-frontier tbody tr[data-output="${config.expandOutput}"]`);
  await page.locator('#case-expand').waitFor();
  const expansion = await traced(page, () => page.click('#case-expand'));
  await page.locator('#case-status[data-added]').waitFor({ state: 'attached' });
  steps.expand = { answer: expansion, ...(await graph(page)), added: JSON.parse(await page.getAttribute('#case-status', 'data-added')),
    timeline: await page.locator('#case-timeline tbody tr').count() };
  steps.expand.screenshot = await shot(page, 'case-workspace');

  // flows below a value hidden, then shown again
  await page.fill('#filter-value', String(config.minValue));
  steps.filter = await graph(page);
  steps.filter.screenshot = await shot(page, 'case-workspace-filter');
  await page.fill('#filter-value', '');
  steps.unfiltered = await graph(page);

  // a cluster's addresses collapsed into one node; coloured by taint
  await page.click(`#case-clusters button[data-cluster="${config.cluster}"]`);
  await page.locator(`#case-clusters button[data-cluster="${config.cluster}"]`, { hasText: 'expand' }).waitFor();
  await page.selectOption('#case-colour', 'taint');
  steps.collapse = { ...(await graph(page)), legend: await page.locator('#case-legend .legend-entry').allTextContents() };
  steps.collapse.screenshot = await shot(page, 'case-workspace-taint');

  // a note on the first transaction of the timeline
  const first = page.locator('#case-timeline tbody tr').first();
  const txid = await first.getAttribute('data-txid');
  await first.click();
  await page.fill('#case-note', config.note);
  await page.click('#case-note-save');
  await page.locator('#case-notes li', { hasText: config.note }).waitFor();
  steps.note = { txid, notes: await page.locator('#case-notes li').allTextContents() };

  // saved in the warehouse, opened at its own link, and again after a reload
  await page.fill('#case-name', config.title);
  await page.click('#case-save');
  await page.waitForFunction(() => /^#\/cases\/[0-9a-f]{12}$/.test(location.hash));
  // the case's own page: its title as heading, drawn again from what the warehouse kept
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
    saved: await page.locator('#saved-cases li[data-case]').allTextContents(),
  };
  steps.reloaded.screenshot = await shot(page, 'case-workspace-saved');

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
}
