import { ApiError, QueryResult } from "../api";
import { h } from "../dom";
import { formatNumber, toCsv } from "../format";

export function showError(into: HTMLElement, e: unknown): void {
  const message = e instanceof ApiError ? `${e.message} (${e.code}, HTTP ${e.status})` : e instanceof Error ? e.message : String(e);
  into.append(h("div", { class: "error", role: "alert" }, message));
}

export function card(title: string, ...children: (Node | string)[]): HTMLElement {
  return h("section", { class: "card" }, h("h2", {}, title), ...children);
}

/** A table of rows; cells may be nodes (links) or values (formatted). Pages of pageSize rows with buttons. */
export function table(columns: string[], rows: unknown[][], pageSize = 50): HTMLElement {
  const wrap = h("div", { class: "table-wrap" });
  let page = 0;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const draw = () => {
    wrap.replaceChildren();
    const body = h("tbody");
    for (const row of rows.slice(page * pageSize, (page + 1) * pageSize)) {
      body.append(h("tr", {}, row.map((v) => h("td", { class: typeof v === "number" || (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) ? "num" : "" }, v instanceof Node ? v : formatNumber(v)))));
    }
    wrap.append(h("table", {}, h("thead", {}, h("tr", {}, columns.map((c) => h("th", {}, c)))), body));
    if (pages > 1) {
      wrap.append(
        h("div", { class: "pager" },
          h("button", { type: "button", disabled: page === 0, onclick: () => { page--; draw(); } }, "‹ Previous"),
          h("span", { class: "page-of" }, `page ${page + 1} of ${pages} (${rows.length} rows)`),
          h("button", { type: "button", disabled: page >= pages - 1, onclick: () => { page++; draw(); } }, "Next ›")),
      );
    }
  };
  draw();
  return wrap;
}

export function keyValues(entries: [string, Node | string | number | null | undefined][]): HTMLElement {
  return h("dl", { class: "kv" }, entries.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v instanceof Node ? v : formatNumber(v))]));
}

export function download(name: string, type: string, content: string | Blob): void {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const a = h("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

export function downloadResult(result: QueryResult, base: string, format: "csv" | "json"): void {
  if (format === "csv") download(base + ".csv", "text/csv", toCsv(result.columns, result.rows));
  else download(base + ".json", "application/json", JSON.stringify({ columns: result.columns, rows: result.rows }, null, 1));
}
