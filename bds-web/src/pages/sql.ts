import { api, ApiError, apiKey, chains, del, post, QueryResult } from "../api";
import { h } from "../dom";
import { Route, routeHref } from "../router";
import { card, download, showError } from "./common";
import { ChartSettings, resultView } from "./result";

interface Saved {
  id: string;
  name: string;
  document: { kind: string; sql?: string; request?: unknown; chart?: ChartSettings };
}

/** The SQL console: editor, schema browser, result table and chart, saved queries, downloads. */
export async function renderSql(main: HTMLElement, route: Route): Promise<void> {
  const all = await chains();
  const chain = route.params.get("chain") ?? all[0]?.chain ?? "";
  const initial = route.params.get("sql") ?? (chain ? `SELECT height, hash, tx_count FROM ${chain}.blocks ORDER BY height DESC LIMIT 20` : "SELECT 42");
  main.append(h("h1", {}, "SQL"));
  const editor = h("textarea", { id: "sql-editor", spellcheck: false, rows: 8, "aria-label": "SQL" }, initial);
  const output = h("div", { id: "sql-output" });
  let chart: ChartSettings | null = null;
  let last: QueryResult | null = null;
  const run = async () => {
    output.replaceChildren(h("p", { class: "muted" }, "running…"));
    try {
      last = await post<QueryResult>("/sql", { sql: editor.value });
      output.replaceChildren(resultView(last, chart, (c) => (chart = c)));
    } catch (e) {
      output.replaceChildren();
      showError(output, e);
    }
  };
  editor.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  });
  const savedList = h("ul", { class: "saved", id: "saved-queries" });
  const refreshSaved = async () => {
    const items = (await api<{ items: Saved[] }>("/saved-queries")).items;
    savedList.replaceChildren(...items.map((s) => h("li", {},
      h("a", { href: s.document.kind === "builder" ? routeHref(["builder"], { saved: s.id }) : routeHref(["sql"], { sql: s.document.sql ?? "" }) }, s.name),
      " ", h("button", { type: "button", class: "link", title: "delete", onclick: async () => { await del(`/saved-queries/${s.id}`); await refreshSaved(); } }, "×"))));
  };
  const save = async () => {
    const name = prompt("Name of the query:");
    if (!name) return;
    await post("/saved-queries", { name, document: { kind: "sql", sql: editor.value, chart } });
    await refreshSaved();
  };
  const schema = h("div", { class: "schema", id: "schema" });
  const schemaChain = h("select", { "aria-label": "schema of chain" }, all.map((c) => h("option", { value: c.chain, selected: c.chain === chain }, c.chain)));
  const loadSchema = async () => {
    const s = await api<{ tables: { name: string; kind: string; description: string; columns: { name: string; type: string; description: string }[] }[] }>(`/chains/${schemaChain.value}/schema`);
    schema.replaceChildren(...s.tables.map((t) => h("details", {},
      h("summary", { title: t.description }, `${t.name} `, h("span", { class: "muted" }, t.kind)),
      h("ul", {}, t.columns.map((c) => h("li", {}, h("button", { type: "button", class: "link", title: c.description, onclick: () => insert(editor, c.name) }, c.name), ` ${c.type}`))),
      h("button", { type: "button", class: "link", onclick: () => insert(editor, `${schemaChain.value}.${t.name}`) }, `insert ${schemaChain.value}.${t.name}`))));
  };
  schemaChain.addEventListener("change", () => void loadSchema());
  main.append(
    h("div", { class: "console" },
      h("aside", {}, card("Schema", schemaChain, schema), card("Saved queries", savedList)),
      h("div", { class: "work" }, editor,
        h("div", { class: "controls" },
          h("button", { type: "button", id: "sql-run", onclick: () => void run() }, "Run (Ctrl+Enter)"),
          h("button", { type: "button", id: "sql-save", onclick: () => void save() }, "Save"),
          h("button", { type: "button", id: "sql-parquet", title: "the whole result as a Parquet file", onclick: () => void parquet(editor.value, output) }, "Parquet"),
          h("button", { type: "button", onclick: () => void navigator.clipboard?.writeText(location.origin + location.pathname + routeHref(["sql"], { sql: editor.value })).catch(() => undefined) }, "Copy link")),
        output)),
  );
  if (chain) await loadSchema();
  await refreshSaved();
  if (route.params.get("sql")) await run();
}

async function parquet(sql: string, output: HTMLElement): Promise<void> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  const key = apiKey();
  if (key) headers.Authorization = "Bearer " + key;
  const response = await fetch("api/v1/sql/parquet", { method: "POST", headers, body: JSON.stringify({ sql }) });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    showError(output, new ApiError(response.status, body?.error?.code ?? "ERROR", body?.error?.message ?? response.statusText));
    return;
  }
  download("result.parquet", "application/vnd.apache.parquet", await response.blob());
}

function insert(editor: HTMLTextAreaElement, text: string): void {
  const start = editor.selectionStart ?? editor.value.length;
  editor.value = editor.value.slice(0, start) + text + editor.value.slice(editor.selectionEnd ?? start);
  editor.focus();
  editor.selectionStart = editor.selectionEnd = start + text.length;
}
