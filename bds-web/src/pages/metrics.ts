import { api, chains, MetricInfo, Series } from "../api";
import { chartImage, drawChart } from "../chart";
import { h } from "../dom";
import { toChartNumber, toCsv } from "../format";
import { Route, routeHref } from "../router";
import { download, showError } from "./common";

/** The metric explorer: chains × metrics as series, a time range, day/week/month, log scale, CSV/PNG, a share link. */
export async function renderMetrics(main: HTMLElement, route: Route): Promise<void> {
  const all = await chains();
  const p = route.params;
  const chain = p.get("chain") ?? all[0]?.chain ?? "";
  const chosen = (p.get("m") ?? "TxCnt").split(",").filter((x) => x);
  const compare = (p.get("compare") ?? "").split(",").filter((x) => x && x !== chain);
  const interval = p.get("interval") ?? "day";
  const from = p.get("from") ?? "";
  const to = p.get("to") ?? "";
  const log = p.get("log") === "1";
  main.append(h("h1", {}, "Metrics"));
  if (!chain) {
    main.append(h("p", {}, "No chain in the warehouse yet."));
    return;
  }
  const family = all.find((c) => c.chain === chain)?.family ?? "";
  const catalog = await api<{ metrics: MetricInfo[] }>(`/chains/${chain}/metrics`);

  const chainSelect = h("select", { id: "m-chain", "aria-label": "chain" }, all.map((c) => h("option", { value: c.chain, selected: c.chain === chain }, c.chain)));
  const metricSelect = h("select", { id: "m-metrics", multiple: true, size: 8, "aria-label": "metrics" },
    catalog.metrics.map((m) => h("option", { value: m.id, selected: chosen.includes(m.id), title: m.definition }, `${m.id} — ${m.name}`)));
  const compareSelect = h("select", { id: "m-compare", multiple: true, size: 3, "aria-label": "compare with chains" },
    all.filter((c) => c.chain !== chain && c.family === family).map((c) => h("option", { value: c.chain, selected: compare.includes(c.chain) }, c.chain)));
  const intervalSelect = h("select", { id: "m-interval", "aria-label": "interval" }, ["day", "week", "month"].map((i) => h("option", { value: i, selected: i === interval }, i)));
  const fromInput = h("input", { type: "date", id: "m-from", value: from, "aria-label": "from" });
  const toInput = h("input", { type: "date", id: "m-to", value: to, "aria-label": "to" });
  const logBox = h("input", { type: "checkbox", id: "m-log", checked: log });
  const apply = () => {
    location.hash = routeHref(["metrics"], {
      chain: chainSelect.value,
      m: [...metricSelect.selectedOptions].map((o) => o.value).join(",") || "TxCnt",
      compare: [...compareSelect.selectedOptions].map((o) => o.value).join(","),
      interval: intervalSelect.value,
      from: fromInput.value,
      to: toInput.value,
      log: logBox.checked ? "1" : "",
    });
  };
  chainSelect.addEventListener("change", () => {
    location.hash = routeHref(["metrics"], { chain: chainSelect.value, m: "TxCnt" });
  });
  const chartEl = h("div", { class: "chart big", id: "metric-chart" });
  const notes = h("div", { class: "notes" });
  const collected: { name: string; series: Series; instance: string; points: [string, string][] }[] = [];
  main.append(
    h("div", { class: "controls" },
      h("label", {}, "Chain ", chainSelect),
      h("label", {}, "Metrics ", metricSelect),
      compareSelect.options.length ? h("label", {}, "Compare with ", compareSelect) : null,
      h("label", {}, "Resolution ", intervalSelect),
      h("label", {}, "From ", fromInput),
      h("label", {}, "To ", toInput),
      h("label", {}, logBox, " log scale"),
      h("button", { type: "button", id: "m-apply", onclick: apply }, "Show"),
      h("button", { type: "button", onclick: () => download("metrics.csv", "text/csv", csv(collected)) }, "CSV"),
      h("button", { type: "button", onclick: () => { const url = chartImage(chartEl); if (url) void fetch(url).then((r) => r.blob()).then((b) => download("metrics.png", "image/png", b)); } }, "PNG"),
      h("button", { type: "button", id: "m-share", onclick: () => void navigator.clipboard?.writeText(location.href).catch(() => undefined) }, "Copy link")),
    chartEl,
    notes,
  );
  const query = new URLSearchParams({ interval });
  if (from) query.set("from", from);
  if (to) query.set("to", to);
  for (const c of [chain, ...compare]) {
    for (const id of chosen) {
      try {
        const s = await api<Series>(`/chains/${c}/metrics/${encodeURIComponent(id)}?${query}`);
        for (const one of s.series) {
          collected.push({ name: `${c} ${id}${one.instance ? " " + one.instance : ""}`, series: s, instance: one.instance, points: one.points.map((pt) => [pt[0], pt[1]]) });
        }
        notes.append(h("p", { class: "muted" }, `${c} ${s.id}: ${s.name} (${s.unit})${s.aggregation !== "none" ? `, ${s.aggregation} per ${interval}` : ""}`));
      } catch (e) {
        showError(notes, e);
      }
    }
  }
  drawChart(chartEl, collected.map((c) => ({ name: c.name, points: c.points.map(([d, v]) => [d, toChartNumber(v)]) })), { log, time: true });
  chartEl.setAttribute("data-series", String(collected.length));
}

function csv(collected: { name: string; points: [string, string][] }[]): string {
  const rows: unknown[][] = [];
  for (const c of collected) for (const [d, v] of c.points) rows.push([c.name, d, v]);
  return toCsv(["series", "period", "value"], rows);
}
