import { QueryResult } from "../api";
import { drawChart } from "../chart";
import { h } from "../dom";
import { toChartNumber } from "../format";
import { downloadResult, table } from "./common";

export interface ChartSettings {
  type: "table" | "line" | "bar";
  x: string;
  y: string[];
}

/** A query's result: its table (paged), a chart of chosen columns, and downloads. */
export function resultView(result: QueryResult, chart: ChartSettings | null, onChart?: (c: ChartSettings) => void): HTMLElement {
  const box = h("div", { class: "result" });
  const info = h("p", { class: "muted", id: "result-info" },
    `${result.rows.length} rows in ${result.elapsed_ms} ms` + (result.truncated ? ` — cut at the ${result.truncated_by === "bytes" ? "size" : "row"} limit` : ""));
  const numeric = result.columns.filter((_, i) => result.rows.some((r) => toChartNumber(r[i]) !== null && typeof r[i] !== "boolean"));
  const kind = h("select", { "aria-label": "chart type", class: "chart-type" }, ["table", "line", "bar"].map((k) => h("option", { value: k, selected: (chart?.type ?? "table") === k }, k === "table" ? "table only" : k + " chart")));
  const xSel = h("select", { "aria-label": "x column", class: "chart-x" }, result.columns.map((c) => h("option", { value: c, selected: chart?.x === c }, c)));
  const ySel = h("select", { "aria-label": "y columns", class: "chart-y", multiple: true, size: Math.min(4, Math.max(2, numeric.length)) },
    numeric.map((c) => h("option", { value: c, selected: chart ? chart.y.includes(c) : c === numeric[numeric.length - 1] }, c)));
  const chartEl = h("div", { class: "chart", hidden: true });
  const draw = () => {
    const settings: ChartSettings = { type: kind.value as ChartSettings["type"], x: xSel.value, y: [...ySel.selectedOptions].map((o) => o.value) };
    onChart?.(settings);
    if (settings.type === "table" || settings.y.length === 0) {
      chartEl.hidden = true;
      return;
    }
    chartEl.hidden = false;
    const xi = result.columns.indexOf(settings.x);
    drawChart(chartEl, settings.y.map((y) => {
      const yi = result.columns.indexOf(y);
      return { name: y, points: result.rows.map((r) => [String(r[xi]), toChartNumber(r[yi])] as [string, number | null]) };
    }), { kind: settings.type });
  };
  for (const s of [kind, xSel, ySel]) s.addEventListener("change", draw);
  box.append(
    info,
    h("div", { class: "controls" }, h("label", {}, "View ", kind), h("label", {}, "x ", xSel), h("label", {}, "y ", ySel),
      h("button", { type: "button", onclick: () => downloadResult(result, "result", "csv") }, "CSV"),
      h("button", { type: "button", onclick: () => downloadResult(result, "result", "json") }, "JSON")),
    chartEl,
    table(result.columns, result.rows),
  );
  requestAnimationFrame(draw);
  return box;
}
