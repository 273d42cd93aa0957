// The case workspace: start a trace, see its flow graph, expand it from any address, output or transfer, filter it by
// value and time, colour it by label or taint, collapse clusters, follow the steps in time, note what matters, and
// keep the case in the warehouse or export it (JSON, PNG). Bitcoin-family traces follow outputs, Ethereum-family ones
// accounts (an asset: native or a token); account chains have no clusters, so they offer no collapse. Amounts stay
// exact: digit strings and BigInt, never JS numbers.
import { api, chains, del, post, put } from "../api";
import { accountTaint, addCase, amount, CaseFile, CaseGraph, emptyGraph, Filter, hiddenBy, isAccountCase, timeline, TransferKind, transfersOf } from "../casegraph";
import { clear, h, link } from "../dom";
import { decimalsOf, formatUnits, shortHash } from "../format";
import { ColourMode, CATEGORY_COLOURS, GraphView, TAINT_BUCKETS } from "../graphview";
import { Route, routeHref } from "../router";
import { card, download, showError } from "./common";

const CATEGORIES = Object.keys(CATEGORY_COLOURS);
const TRANSFER_KINDS: [TransferKind, string][] = [
  ["native", "native: a transaction's value"], ["internal", "internal: value a contract call moved"], ["token", "token transfer"], ["burn", "tokens burnt"],
];

/** What a case keeps beside its trace: the document saved in the warehouse and exported as JSON. */
export interface CaseDocument {
  case: CaseFile;
  expansions: CaseFile[];
  notes: { nodes: Record<string, string>; edges: Record<string, string> };
  view: { colour: ColourMode; filter: { min_value: string; from: string; to: string }; collapsed: number[]; positions: Record<string, { x: number; y: number }> };
}

interface SavedCase { id: string; name: string; updated_at: string; summary?: { chain: string; from: string; direction: string; transactions: number }; document?: CaseDocument }

let current: GraphView | null = null;

export async function renderCases(main: HTMLElement, route: Route): Promise<void> {
  current?.destroy();
  current = null;
  const id = route.parts[1] ?? null;
  const saved = id ? await api<SavedCase>(`/cases/${id}`) : null;
  // the families a trace follows: outputs (Bitcoin) and accounts (Ethereum)
  const traceable = (await chains()).filter((c) => c.family === "bitcoin" || c.family === "ethereum");
  const familyOf = (chain: string) => traceable.find((c) => c.chain === chain)?.family ?? "bitcoin";
  main.append(h("h1", {}, saved ? saved.name : "Case workspace"));

  // the trace form
  const chainSel = h("select", { id: "case-chain", "aria-label": "chain" }, traceable.map((c) => h("option", { value: c.chain }, c.chain)));
  const from = h("input", { id: "case-from", placeholder: "address or txid:vout", "aria-label": "from", size: 40 });
  const asset = h("input", { id: "case-asset", value: "native", placeholder: "native or token contract 0x…", size: 22, "aria-label": "asset" });
  const assetField = h("label", { id: "case-asset-field" }, "Asset", asset);
  const direction = h("select", { id: "case-direction", "aria-label": "direction" }, ["forward", "backward"].map((d) => h("option", { value: d }, d)));
  const hops = h("input", { id: "case-hops", type: "number", min: 1, max: 100, value: 4, class: "narrow", "aria-label": "hops" });
  const taint = h("select", { id: "case-taint", "aria-label": "taint model" }, ["haircut", "fifo", "poison"].map((t) => h("option", { value: t }, t)));
  const minValue = h("input", { id: "case-min-value", inputmode: "numeric", value: "0", class: "narrow", "aria-label": "minimum value (base units)" });
  const stopLabels = h("select", { id: "case-stop-labels", multiple: true, size: 3, "aria-label": "stop at labels" }, CATEGORIES.map((c) => h("option", { value: c }, c)));
  const traceButton = h("button", { type: "submit", id: "case-trace" }, "Trace");
  const status = h("p", { class: "muted", id: "case-status" });
  const form = h("form", { class: "controls", id: "trace-form" },
    h("label", {}, "Chain", chainSel), h("label", {}, "From", from), assetField, h("label", {}, "Direction", direction), h("label", {}, "Hops", hops),
    h("label", {}, "Taint", taint), h("label", {}, "Min value (base units)", minValue), h("label", {}, "Stop at labels", stopLabels), traceButton);

  // the workspace
  const name = h("input", { id: "case-name", placeholder: "case title", "aria-label": "case title", value: saved?.name ?? "" });
  const colourSel = h("select", { id: "case-colour", "aria-label": "colour by" }, [h("option", { value: "label" }, "labels"), h("option", { value: "taint" }, "taint")]);
  const filterValue = h("input", { id: "filter-value", inputmode: "numeric", placeholder: "0", class: "narrow", "aria-label": "hide flows below (base units)" });
  const filterFrom = h("input", { id: "filter-from", type: "date", "aria-label": "hide before" });
  const filterTo = h("input", { id: "filter-to", type: "date", "aria-label": "hide after" });
  const stats = h("span", { id: "graph-stats", class: "muted" });
  const graphBox = h("div", { id: "case-graph", class: "case-graph" });
  const selection = h("div", { id: "case-selection" }, h("p", { class: "muted" }, "Select a node or an edge."));
  const legend = h("div", { id: "case-legend", class: "legend" });
  const clusterList = h("ul", { id: "case-clusters", class: "saved" });
  const clusterCard = card("Clusters", clusterList);
  const noteList = h("ul", { id: "case-notes", class: "saved" });
  const timelineBox = h("div", { id: "case-timeline", class: "table-wrap" });
  const frontierBox = h("div", { id: "case-frontier", class: "table-wrap" });
  const savedList = h("ul", { id: "saved-cases", class: "saved" });
  const workspace = h("div", { id: "case-workspace", hidden: true },
    h("div", { class: "controls" },
      h("label", {}, "Title", name),
      h("button", { type: "button", id: "case-save" }, saved ? "Save" : "Save case"),
      h("button", { type: "button", id: "case-export-json" }, "Export JSON"),
      h("button", { type: "button", id: "case-export-png" }, "Export PNG"),
      h("label", {}, "Colour by", colourSel),
      h("label", {}, "Hide flows below", filterValue), h("label", {}, "Hide before", filterFrom), h("label", {}, "Hide after", filterTo),
      stats),
    h("div", { class: "case-layout" },
      graphBox,
      h("aside", {}, card("Selection", selection), card("Legend", legend), clusterCard, card("Notes", noteList))),
    h("div", { class: "two" }, card("Timeline", timelineBox), card("Frontier", frontierBox)));
  main.append(form, status, workspace, card("Saved cases", savedList));

  // the form asks for an asset on account chains, and says what an account chain's trace may start from
  const formFamily = () => {
    const ofAccounts = familyOf(chainSel.value) === "ethereum";
    assetField.hidden = !ofAccounts;
    from.placeholder = ofAccounts ? "address, tx hash or hash:index" : "address or txid:vout";
  };
  chainSel.addEventListener("change", formFamily);
  formFamily();

  let doc: CaseDocument | null = null;
  let graph: CaseGraph = emptyGraph();
  let view: GraphView | null = null;
  let chain = "";
  // the open case's chain: its family's base unit, and whether it follows accounts (no clusters there)
  let decimals = decimalsOf("bitcoin");
  let accounts = false;
  /** An amount of base units as the page shows it: coins of the chain's unit, or a token's base units as they are. */
  const units = (value: string, of = "native") => formatUnits(value, of === "native" ? decimals : 0);
  const clusterOf = new Map<string, { id: number; size: number }>();
  // the graph as drawn and the case as it would be saved, for scripts (the browser test reads them)
  (window as unknown as { openbdsCase: unknown }).openbdsCase = { elements: () => view?.elements() ?? null, document: () => (doc ? document_() : null) };

  const filter = (): Filter => ({
    minValue: /^\d+$/.test(filterValue.value.trim()) ? BigInt(filterValue.value.trim()) : null,
    from: filterFrom.value ? `${filterFrom.value}T00:00:00Z` : null,
    to: filterTo.value ? `${filterTo.value}T23:59:59.999Z` : null,
  });

  const redraw = () => {
    if (!view || !doc) return;
    const hidden = hiddenBy(graph, filter());
    view.hide(hidden.nodes, hidden.edges);
    view.colour(graph, colourSel.value as ColourMode);
    view.mark(new Set([...Object.keys(doc.notes.nodes), ...Object.keys(doc.notes.edges)]));
    const shown = view.elements();
    stats.textContent = `${shown.nodes.length} nodes · ${shown.edges.length} edges · ${shown.nodes.filter((n) => n.hidden).length + shown.edges.filter((e) => e.hidden).length} hidden`;
    stats.dataset.nodes = String(shown.nodes.length);
    stats.dataset.edges = String(shown.edges.length);
    drawLegend();
    drawClusters();
    drawNotes();
  };

  const drawLegend = () => {
    clear(legend);
    const entries: [string, string][] = colourSel.value === "taint"
      ? TAINT_BUCKETS.map((b) => [b.colour, `tainted ${b.label}`])
      : [["#41566e", "transaction"], ["#9aa5b1", accounts ? "account without label" : "address without label"], ...CATEGORIES.filter((c) => [...graph.nodes.values()].some((n) => n.labels[0]?.startsWith(c + ":"))).map((c) => [CATEGORY_COLOURS[c], c] as [string, string])];
    legend.append(...entries.map(([colour, text]) => h("div", { class: "legend-entry" }, h("span", { class: "swatch", style: `background:${colour}` }), text)));
    // how each kind of transfer is drawn, for the kinds the graph holds
    const kinds = new Set([...graph.edges.values()].map((e) => e.transfer).filter((k): k is TransferKind => k !== undefined));
    for (const [kind, text] of TRANSFER_KINDS) {
      if (kinds.has(kind)) legend.append(h("div", { class: "legend-entry" }, h("span", { class: `line-sample ${kind}` }), text));
    }
    if ([...graph.nodes.values()].some((n) => n.frontier?.length)) legend.append(h("div", { class: "legend-entry" }, h("span", { class: "swatch ring" }), "where the trace stopped"));
  };

  const drawClusters = () => {
    clear(clusterList);
    if (accounts) return;
    const members = new Map<number, { size: number; count: number }>();
    for (const n of graph.nodes.values()) {
      const c = n.address ? clusterOf.get(n.address) : undefined;
      if (c) members.set(c.id, { size: c.size, count: (members.get(c.id)?.count ?? 0) + 1 });
    }
    const shown = [...members.entries()].filter(([, m]) => m.count > 1).sort((a, b) => b[1].count - a[1].count || a[0] - b[0]);
    if (shown.length === 0) clusterList.append(h("li", { class: "muted" }, "No two addresses of one cluster here (or the chain was not clustered: bds cluster)."));
    for (const [id, m] of shown) {
      const collapsed = view!.isCollapsed(id);
      clusterList.append(h("li", {}, `cluster ${id}: ${m.count} of ${m.size} addresses `,
        h("button", { type: "button", class: "link", "data-cluster": String(id), onclick: () => {
          if (collapsed) view!.expand(id);
          else view!.collapse(id, m.size);
          redraw();
        } }, collapsed ? "expand" : "collapse")));
    }
  };

  const drawNotes = () => {
    clear(noteList);
    const all = [...Object.entries(doc!.notes.nodes), ...Object.entries(doc!.notes.edges)];
    if (all.length === 0) noteList.append(h("li", { class: "muted" }, "No notes yet."));
    for (const [id, text] of all) noteList.append(h("li", {}, h("button", { type: "button", class: "link", onclick: () => select(id) }, id.replace(/^(\w+):(.{10}).*$/, "$1:$2…")), ": ", text));
  };

  const select = (id: string) => {
    if (view?.select(id)) showSelection(id);
  };

  const showSelection = (id: string) => {
    clear(selection);
    const node = graph.nodes.get(id);
    const edge = graph.edges.get(id);
    const isCluster = id.startsWith("cluster:");
    const facts: [string, string][] = [];
    // where a further trace would start: an address, an output (txid:vout) or a transfer (hash:index, of its asset)
    let start: { from: string; asset?: string; what: string } | null = null;
    if (node) {
      facts.push(["kind", node.kind === "address" && accounts ? "account" : node.kind]);
      if (node.address) facts.push(["address", node.address]);
      if (node.txid) facts.push(["txid", node.txid], ["time", node.time ?? ""], ["block", String(node.block ?? "")], ["hop", String(node.hop ?? "")]);
      if (node.fee !== undefined) facts.push(["fee", units(node.fee)], ["fee from taint", units(node.feeTaint ?? "0")]);
      node.labels.forEach((l) => facts.push(["label", l]));
      const c = node.address ? clusterOf.get(node.address) : undefined;
      if (c) facts.push(["cluster", `${c.id} (${c.size} addresses)`]);
      if (accounts && node.kind === "address") {
        const of = caseAsset();
        const t = accountTaint(graph, id, of);
        facts.push(["taint received", units(t.received.toString(), of)], ["taint sent", units(t.sent.toString(), of)]);
        for (const f of node.frontier ?? []) facts.push([f.reason.replace(/_/g, " "), units(f.taint, f.asset) + (f.note ? ` (${f.note})` : "")]);
      }
      if (node.address) start = { from: node.address, what: "Expand from this " + (accounts ? "account" : "address") };
    } else if (edge?.transfer !== undefined) {
      const of = edge.asset ?? "native";
      facts.push(["transfer", `${edge.transfer} #${edge.index}`], ["txid", edge.txid], ["from", edge.from ?? "–"], ["to", edge.to ?? "–"], ["asset", of],
        ["value", units(edge.value, of)], ["taint", units(edge.taint, of)], ["hop", String(edge.hop)], ["time", edge.time]);
      start = { from: `${edge.txid}:${edge.index}`, asset: of, what: "Expand from this transfer" };
    } else if (edge) {
      facts.push(["flow", edge.kind === "in" ? "input" : "output"], ["output", edge.outpoint ?? ""], ["value", formatUnits(edge.value, decimals)], ["taint", formatUnits(edge.taint, decimals)], ["time", edge.time]);
      if (edge.kind === "out" && edge.outpoint) start = { from: edge.outpoint, what: "Expand from this output" };
    } else if (isCluster) {
      facts.push(["cluster", id.slice(8)]);
    }
    const notes = edge ? doc!.notes.edges : doc!.notes.nodes;
    const note = h("textarea", { id: "case-note", rows: 2, "aria-label": "note" });
    note.value = notes[id] ?? "";
    // a transaction of an account case lists its tainted transfers, each a way to select it
    const transfers = node?.kind === "tx" && accounts ? transfersOf(graph, node.txid!) : [];
    selection.append(
      h("dl", { class: "kv small" }, facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", { class: "mono" }, v)])),
      ...(transfers.length ? [h("ul", { id: "case-transfers", class: "saved" }, transfers.map((e) => h("li", {},
        h("button", { type: "button", class: "link", "data-edge": e.id, onclick: () => select(e.id) }, `${e.transfer} #${e.index}`),
        ` ${shortHash(e.from ?? "–", 6)} → ${shortHash(e.to ?? "–", 6)}: ${units(e.taint, e.asset)} tainted`)))] : []),
      h("div", { class: "controls" },
        h("button", { type: "button", id: "case-expand", disabled: start === null || isCluster, title: "trace further from here and add it to the graph",
          onclick: () => void expandFrom(start!.from, id, start!.asset) }, start?.what ?? "Expand from here")),
      h("label", {}, "Note", note),
      h("button", { type: "button", id: "case-note-save", onclick: () => {
        if (note.value.trim()) notes[id] = note.value.trim();
        else delete notes[id];
        redraw();
      } }, "Save note"));
  };

  const caseAsset = () => (doc && isAccountCase(doc.case) ? doc.case.request.asset : "native");

  const drawTables = () => {
    const all = [doc!.case, ...doc!.expansions];
    const steps = timeline(all);
    clear(timelineBox);
    timelineBox.append(h("table", {}, h("thead", {}, h("tr", {}, ["time (UTC)", "block", "hop", "transaction", "tainted in", "fee"].map((c) => h("th", {}, c)))),
      h("tbody", {}, steps.map((s) => h("tr", { "data-txid": s.txid, class: "clickable", onclick: () => select("tx:" + s.txid) },
        h("td", {}, s.time.replace("T", " ").replace("Z", "")), h("td", { class: "num" }, String(s.block_height)), h("td", { class: "num" }, String(s.hop)),
        h("td", { class: "mono" }, shortHash(s.txid)), h("td", { class: "num" }, units(s.tainted.toString(), s.asset)),
        h("td", { class: "num" }, s.fee === null ? "–" : units(s.fee)))))));
    clear(frontierBox);
    const label = (address: string | null) => (address && doc!.case.labels[address] ? ` [${doc!.case.labels[address][0].split(" (")[0]}]` : "");
    const rows = all.flatMap((c) => (isAccountCase(c)
      ? c.frontier.map((e) => h("tr", { "data-address": e.address, class: "clickable", onclick: () => select("addr:" + e.address) },
        h("td", { class: "mono" }, e.address, label(e.address)), h("td", { class: "num" }, units(e.value, e.asset)),
        h("td", { class: "num" }, units(e.taint, e.asset)), h("td", {}, e.reason + (e.note ? `: ${e.note}` : ""))))
      : c.frontier.map((e) => h("tr", { "data-output": e.output, class: "clickable", onclick: () => select(graph.edges.has("out:" + e.output) ? "out:" + e.output : e.address ? "addr:" + e.address : "output:" + e.output) },
        h("td", { class: "mono" }, shortHash(e.output, 8)), h("td", { class: "mono" }, e.address ?? "–", label(e.address)),
        h("td", { class: "num" }, formatUnits(amount(e.taint).toString(), decimals)), h("td", {}, e.reason + (e.note ? `: ${e.note}` : ""))))));
    const columns = accounts ? ["account", "value", "taint", "reason"] : ["output", "address", "taint", "reason"];
    frontierBox.append(h("table", {}, h("thead", {}, h("tr", {}, columns.map((c) => h("th", {}, c)))), h("tbody", {}, rows)));
  };

  const lookUpClusters = async (addresses: string[]) => {
    const unknown = addresses.filter((a) => !clusterOf.has(a));
    for (let i = 0; i < unknown.length; i += 5000) {
      const answer = await post<{ clusters: Record<string, { id: number; size: number }> }>(`/chains/${chain}/forensics/clusters`, { addresses: unknown.slice(i, i + 5000) });
      for (const [a, c] of Object.entries(answer.clusters)) clusterOf.set(a, c);
    }
    view!.clusters(new Map([...clusterOf.entries()].map(([a, c]) => [a, c.id])));
  };

  const addresses = (ids: string[]) => ids.map((id) => graph.nodes.get(id)?.address).filter((a): a is string => !!a);

  const open = async (d: CaseDocument) => {
    doc = d;
    chain = d.case.chain.id;
    accounts = isAccountCase(d.case);
    decimals = decimalsOf(familyOf(chain));
    clusterCard.hidden = accounts;
    graph = emptyGraph();
    view?.destroy();
    workspace.hidden = false;
    view = new GraphView(graphBox, d.case.request.direction === "backward");
    current = view;
    const added = addCase(graph, d.case);
    view.add(graph, added.nodes, added.edges);
    for (const e of d.expansions) {
      const more = addCase(graph, e);
      view.add(graph, more.nodes, more.edges, { x: 0, y: (view.cy.nodes().boundingBox({}).y2 || 0) + 80 });
    }
    view.place(d.view.positions);
    colourSel.value = d.view.colour;
    filterValue.value = d.view.filter.min_value;
    filterFrom.value = d.view.filter.from;
    filterTo.value = d.view.filter.to;
    // account chains have no clusters: nothing to look up, nothing to collapse
    if (!accounts) {
      await lookUpClusters(addresses([...graph.nodes.keys()]));
      for (const c of d.view.collapsed) view.collapse(c, [...clusterOf.values()].find((x) => x.id === c)?.size ?? 0);
    }
    view.cy.fit(undefined, 30);
    view.cy.on("tap", "node, edge", (e) => showSelection(e.target.id()));
    drawTables();
    redraw();
    const of = isAccountCase(d.case) ? `, ${d.case.request.asset === "native" ? "native value" : "token " + d.case.request.asset}` : "";
    status.textContent = `${d.case.request.direction} trace (${d.case.request.taint_model}${of}) from ${d.case.request.from} on ${chain}: ${d.case.summary.transactions} transactions`
      + (d.expansions.length ? `, expanded ${d.expansions.length} time(s)` : "") + (d.case.summary.truncated ? " (truncated)" : "");
  };

  /** A trace on {@code on} with the form's parameters; on an account chain of the asset given, or else the form's. */
  const request = (on: string, start: string, of?: string) => ({
    from: start, ...(familyOf(on) === "ethereum" ? { asset: of ?? (asset.value.trim() || "native") } : {}), direction: direction.value, taint: taint.value,
    hops: Number(hops.value), min_value: minValue.value.trim() || "0", stop_at_labels: [...stopLabels.selectedOptions].map((o) => o.value),
  });

  const expandFrom = async (start: string, at: string, of?: string) => {
    try {
      const c = await post<CaseFile>(`/chains/${chain}/trace`, request(chain, start, of));
      doc!.expansions.push(c);
      const added = addCase(graph, c);
      const at_ = view!.cy.getElementById(at);
      // an edge's further trace starts where its flow went; what it adds goes below the graph, so that nothing new
      // lands on a node already drawn, its first column under where it started
      const target = at_.empty() ? undefined : (at_.data("target") as string | undefined);
      const origin = at_.empty() ? null : target !== undefined ? view!.cy.getElementById(target) : at_;
      const bottom = view!.cy.nodes().boundingBox({}).y2;
      view!.add(graph, added.nodes, added.edges, { x: origin && !origin.empty() ? origin.position().x : 0, y: bottom + 70 });
      if (!accounts) await lookUpClusters(addresses(added.nodes));
      view!.cy.fit(undefined, 30);
      drawTables();
      redraw();
      status.textContent = `expanded from ${start}: ${added.nodes.length} nodes and ${added.edges.length} edges added`;
      status.dataset.added = JSON.stringify(added);
    } catch (e) {
      showError(status, e);
    }
  };

  const document_ = (): CaseDocument => ({
    ...doc!,
    view: { colour: colourSel.value as ColourMode, filter: { min_value: filterValue.value.trim(), from: filterFrom.value, to: filterTo.value },
      collapsed: view!.collapsedClusters(), positions: view!.positions() },
  });

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!from.value.trim()) return;
    traceButton.disabled = true;
    status.textContent = "tracing…";
    try {
      chain = chainSel.value;
      const c = await post<CaseFile>(`/chains/${chain}/trace`, request(chain, from.value.trim()));
      await open({ case: c, expansions: [], notes: { nodes: {}, edges: {} }, view: { colour: "label", filter: { min_value: "", from: "", to: "" }, collapsed: [], positions: {} } });
    } catch (err) {
      status.textContent = "";
      showError(status, err);
    } finally {
      traceButton.disabled = false;
    }
  });
  for (const input of [filterValue, filterFrom, filterTo]) input.addEventListener("input", redraw);
  colourSel.addEventListener("change", redraw);
  document.getElementById("case-save")!.addEventListener("click", async () => {
    if (!doc) return;
    const body = { name: name.value.trim() || `${chain} ${doc.case.request.from}`, document: document_() };
    const answer = id ? await put<SavedCase>(`/cases/${id}`, body) : await post<SavedCase>("/cases", body);
    status.textContent = `saved as ${answer.name}`;
    if (!id) location.hash = routeHref(["cases", answer.id]);
    else await listSaved();
  });
  document.getElementById("case-export-json")!.addEventListener("click", () => {
    if (doc) download(`case-${chain}-${doc.case.request.from.slice(0, 16)}.json`, "application/json", JSON.stringify(document_(), null, 1));
  });
  document.getElementById("case-export-png")!.addEventListener("click", () => {
    if (view) download(`case-${chain}.png`, "image/png", view.png());
  });

  const listSaved = async () => {
    const items = (await api<{ items: SavedCase[] }>("/cases")).items;
    clear(savedList);
    if (items.length === 0) savedList.append(h("li", { class: "muted" }, "No saved cases."));
    for (const s of items) {
      savedList.append(h("li", { "data-case": s.id }, link(routeHref(["cases", s.id]), s.name),
        ` · ${s.summary?.chain ?? ""} ${s.summary?.direction ?? ""} from ${shortHash(s.summary?.from ?? "", 8)}, ${s.summary?.transactions ?? 0} transactions · `,
        h("button", { type: "button", class: "link", onclick: async () => {
          if (!confirm(`Delete the case ${s.name}?`)) return;
          await del(`/cases/${s.id}`);
          if (s.id === id) location.hash = routeHref(["cases"]);
          else await listSaved();
        } }, "delete")));
    }
  };

  if (route.params.get("from")) {
    from.value = route.params.get("from")!;
    if (route.params.get("chain")) chainSel.value = route.params.get("chain")!;
    formFamily();
  }
  if (saved?.document) {
    chainSel.value = saved.document.case.chain.id;
    formFamily();
    from.value = saved.document.case.request.from;
    if (isAccountCase(saved.document.case)) asset.value = saved.document.case.request.asset;
    direction.value = saved.document.case.request.direction;
    taint.value = saved.document.case.request.taint_model;
    hops.value = String(saved.document.case.request.hops);
    minValue.value = String(saved.document.case.request.min_value);
    await open(saved.document);
  }
  await listSaved();
}

