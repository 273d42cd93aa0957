import { api, del, post, put, QueryResult } from "../api";
import { h, link } from "../dom";
import { Route, routeHref } from "../router";
import { showError } from "./common";
import { ChartSettings, resultView } from "./result";

interface Tile {
  query: string;
  view: ChartSettings["type"];
  width: 1 | 2;
}

interface Dashboard {
  id: string;
  name: string;
  document: { tiles: Tile[]; refresh_seconds: number };
}

interface Saved {
  id: string;
  name: string;
  document: { kind: string; sql?: string; request?: Record<string, unknown>; chart?: ChartSettings };
}

const timers: number[] = [];

/** Dashboards: grids of saved queries shown as tables or charts, kept in the warehouse, refreshed on a timer. */
export async function renderDashboards(main: HTMLElement, route: Route): Promise<void> {
  while (timers.length) clearInterval(timers.pop());
  const id = route.parts[1];
  if (id) return renderDashboard(main, id);
  main.append(h("h1", {}, "Dashboards"));
  const list = (await api<{ items: Dashboard[] }>("/dashboards")).items;
  main.append(h("ul", { class: "saved", id: "dashboard-list" }, list.map((d) => h("li", {}, link(routeHref(["dashboards", d.id]), d.name), ` · ${d.document.tiles.length} tiles`))));
  const name = h("input", { id: "new-dashboard-name", placeholder: "name", "aria-label": "new dashboard name" });
  main.append(h("form", {
    class: "controls",
    onsubmit: async (e: Event) => {
      e.preventDefault();
      if (!name.value.trim()) return;
      const d = await post<Dashboard>("/dashboards", { name: name.value.trim(), document: { tiles: [], refresh_seconds: 60 } });
      location.hash = routeHref(["dashboards", d.id]);
    },
  }, name, h("button", { type: "submit", id: "new-dashboard" }, "New dashboard")));
}

async function renderDashboard(main: HTMLElement, id: string): Promise<void> {
  const d = await api<Dashboard>(`/dashboards/${id}`);
  const saved = (await api<{ items: Saved[] }>("/saved-queries")).items;
  const byId = new Map(saved.map((s) => [s.id, s]));
  const grid = h("div", { class: "grid", id: "dashboard-grid" });
  const persist = async () => {
    await put(`/dashboards/${id}`, { name: d.name, document: d.document });
  };
  const drawTiles = async () => {
    grid.replaceChildren();
    for (const [i, tile] of d.document.tiles.entries()) {
      const s = byId.get(tile.query);
      const body = h("div", { class: "tile-body" });
      const box = h("section", { class: `tile w${tile.width}`, "data-tile": String(i) },
        h("header", {}, h("h3", {}, s?.name ?? "(deleted query)"),
          h("button", { type: "button", class: "link", title: "wider or narrower", onclick: async () => { tile.width = tile.width === 1 ? 2 : 1; await persist(); await drawTiles(); } }, "↔"),
          h("button", { type: "button", class: "link", title: "remove", onclick: async () => { d.document.tiles.splice(i, 1); await persist(); await drawTiles(); } }, "×")),
        body);
      grid.append(box);
      if (!s) continue;
      try {
        const result = s.document.kind === "builder"
          ? await post<QueryResult>("/query", { ...s.document.request, run: true })
          : await post<QueryResult>("/sql", { sql: s.document.sql });
        const chart: ChartSettings | null = tile.view === "table" ? null : { type: tile.view, x: s.document.chart?.x ?? result.columns[0], y: s.document.chart?.y ?? [result.columns[result.columns.length - 1]] };
        body.append(resultView(result, chart));
      } catch (e) {
        showError(body, e);
      }
    }
  };
  const querySel = h("select", { id: "tile-query", "aria-label": "saved query" }, saved.map((s) => h("option", { value: s.id }, s.name)));
  const viewSel = h("select", { id: "tile-view", "aria-label": "view" }, ["table", "line", "bar"].map((v) => h("option", { value: v }, v)));
  const refresh = h("select", { id: "refresh", "aria-label": "refresh every" }, [0, 10, 30, 60, 300].map((s) => h("option", { value: s, selected: s === d.document.refresh_seconds }, s ? `every ${s} s` : "no refresh")));
  refresh.addEventListener("change", async () => {
    d.document.refresh_seconds = Number(refresh.value);
    await persist();
    schedule();
  });
  const schedule = () => {
    while (timers.length) clearInterval(timers.pop());
    if (d.document.refresh_seconds > 0) timers.push(window.setInterval(() => void drawTiles(), d.document.refresh_seconds * 1000));
  };
  main.append(
    h("h1", {}, d.name),
    h("div", { class: "controls" },
      h("label", {}, "Add ", querySel), h("label", {}, "as ", viewSel),
      h("button", { type: "button", id: "add-tile", disabled: saved.length === 0, onclick: async () => { d.document.tiles.push({ query: querySel.value, view: viewSel.value as Tile["view"], width: 1 }); await persist(); await drawTiles(); } }, "Add tile"),
      h("label", {}, "Refresh ", refresh),
      h("button", { type: "button", class: "danger", onclick: async () => { if (confirm(`Delete ${d.name}?`)) { await del(`/dashboards/${id}`); location.hash = routeHref(["dashboards"]); } } }, "Delete dashboard")),
    saved.length === 0 ? h("p", { class: "muted" }, "Save a query in the SQL console or the builder to add it here.") : "",
    grid,
  );
  await drawTiles();
  schedule();
}
