import { api, chains, post, QueryResult } from "../api";
import { h } from "../dom";
import { aggregateName, BuilderState, emptyState, FUNCTIONS, groupName, OPERATORS, toRequest } from "../query";
import { Route } from "../router";
import { card, showError } from "./common";
import { ChartSettings, resultView } from "./result";

interface Column {
  name: string;
  type: string;
  description: string;
}

type Slot = "filters" | "groups" | "aggregates" | "sort";
const SLOTS: [Slot, string][] = [["filters", "Filters"], ["groups", "Group by"], ["aggregates", "Aggregates"], ["sort", "Sort"]];

/** The condition query builder: drag a table's fields into filter, group, aggregate and sort slots; see the SQL; run. */
export async function renderBuilder(main: HTMLElement, route: Route): Promise<void> {
  const all = await chains();
  let state: BuilderState = emptyState(route.params.get("chain") ?? all[0]?.chain ?? "", route.params.get("table") ?? "transactions");
  let chart: ChartSettings | null = null;
  const savedId = route.params.get("saved");
  if (savedId) {
    const saved = await api<{ document: { state: BuilderState; chart?: ChartSettings } }>(`/saved-queries/${savedId}`);
    state = saved.document.state;
    chart = saved.document.chart ?? null;
  }
  main.append(h("h1", {}, "Query builder"));
  if (!state.chain) {
    main.append(h("p", {}, "No chain in the warehouse yet."));
    return;
  }
  const schema = await api<{ tables: { name: string; kind: string; columns: Column[] }[] }>(`/chains/${state.chain}/schema`);
  if (!schema.tables.some((t) => t.name === state.table)) state.table = schema.tables[0].name;
  const columns = () => schema.tables.find((t) => t.name === state.table)!.columns;

  const chainSel = h("select", { id: "b-chain", "aria-label": "chain" }, all.map((c) => h("option", { value: c.chain, selected: c.chain === state.chain }, c.chain)));
  const tableSel = h("select", { id: "b-table", "aria-label": "table" }, schema.tables.map((t) => h("option", { value: t.name, selected: t.name === state.table }, `${t.name} (${t.kind})`)));
  const fields = h("div", { class: "fields", id: "b-fields" });
  const slots = h("div", { class: "slots" });
  const sqlBox = h("pre", { class: "sql", id: "b-sql" });
  const output = h("div", { id: "b-output" });

  chainSel.addEventListener("change", () => {
    location.hash = `#/builder?chain=${encodeURIComponent(chainSel.value)}&table=${encodeURIComponent(state.table)}`;
  });
  tableSel.addEventListener("change", () => {
    state = emptyState(state.chain, tableSel.value);
    draw();
  });

  const add = (slot: Slot, column: string) => {
    const type = columns().find((c) => c.name === column)?.type ?? "";
    if (slot === "filters") state.filters.push({ column, op: type === "varchar" ? "=" : ">", value: "" });
    if (slot === "groups") state.groups.push({ column, bucket: type === "timestamp" ? "day" : "" });
    if (slot === "aggregates") state.aggregates.push({ fn: ["bigint", "integer", "double", "big_integer"].includes(type) ? "sum" : "count", column });
    if (slot === "sort") state.sort = { column, direction: "desc" };
    draw();
  };

  const draw = () => {
    fields.replaceChildren(...columns().map((c) => h("span", {
      class: "field", draggable: "true", title: `${c.type}: ${c.description}`, "data-field": c.name,
      ondragstart: (e: Event) => (e as DragEvent).dataTransfer?.setData("text/plain", c.name),
    }, c.name)));
    slots.replaceChildren(...SLOTS.map(([slot, label]) => {
      const picker = h("select", { "aria-label": `add a field to ${label}`, class: "slot-add" }, h("option", { value: "" }, "+ field"),
        (slot === "sort" ? resultNames() : columns().map((c) => c.name)).map((n) => h("option", { value: n }, n)));
      picker.addEventListener("change", () => picker.value && add(slot, picker.value));
      return h("div", {
        class: "slot", "data-slot": slot,
        ondragover: (e: Event) => e.preventDefault(),
        ondrop: (e: Event) => {
          e.preventDefault();
          const name = (e as DragEvent).dataTransfer?.getData("text/plain");
          if (name) add(slot, name);
        },
      }, h("h3", {}, label), ...entries(slot), picker);
    }));
    sqlBox.textContent = "";
  };

  const resultNames = () => (state.groups.length || state.aggregates.length ? [...state.groups.map(groupName), ...state.aggregates.map(aggregateName)] : columns().map((c) => c.name));

  const entries = (slot: Slot): HTMLElement[] => {
    const remove = (fn: () => void) => h("button", { type: "button", class: "link", title: "remove", onclick: () => { fn(); draw(); } }, "×");
    if (slot === "filters") {
      return state.filters.map((f, i) => {
        const op = h("select", { "aria-label": "operator" }, OPERATORS.map((o) => h("option", { value: o, selected: o === f.op }, o)));
        const value = h("input", { value: f.value, placeholder: f.op === "between" ? "low .. high" : f.op === "in" ? "a, b, c" : "value", "aria-label": `value for ${f.column}` });
        op.addEventListener("change", () => (f.op = op.value));
        value.addEventListener("input", () => (f.value = value.value));
        return h("div", { class: "entry" }, h("b", {}, f.column), op, value, remove(() => state.filters.splice(i, 1)));
      });
    }
    if (slot === "groups") {
      return state.groups.map((g, i) => {
        const bucket = h("select", { "aria-label": "bucket" }, ["", "hour", "day", "week", "month", "year"].map((b) => h("option", { value: b, selected: b === g.bucket }, b || "value")));
        bucket.addEventListener("change", () => (g.bucket = bucket.value));
        return h("div", { class: "entry" }, h("b", {}, g.column), bucket, remove(() => state.groups.splice(i, 1)));
      });
    }
    if (slot === "aggregates") {
      return state.aggregates.map((a, i) => {
        const fn = h("select", { "aria-label": "function" }, FUNCTIONS.map((f) => h("option", { value: f, selected: f === a.fn }, f)));
        fn.addEventListener("change", () => (a.fn = fn.value));
        return h("div", { class: "entry" }, fn, h("b", {}, a.column || "*"), remove(() => state.aggregates.splice(i, 1)));
      });
    }
    if (!state.sort) return [];
    const dir = h("select", { "aria-label": "direction" }, ["asc", "desc"].map((d) => h("option", { value: d, selected: d === state.sort!.direction }, d)));
    dir.addEventListener("change", () => (state.sort!.direction = dir.value as "asc" | "desc"));
    return [h("div", { class: "entry" }, h("b", {}, state.sort.column), dir, remove(() => (state.sort = null)))];
  };

  const submit = async (run: boolean) => {
    output.replaceChildren();
    try {
      const answer = await post<QueryResult & { sql: string; parameters: unknown[] }>("/query", toRequest(state, run));
      sqlBox.textContent = answer.sql + (answer.parameters.length ? "\n-- parameters: " + JSON.stringify(answer.parameters) : "");
      if (run) output.append(resultView(answer, chart, (c) => (chart = c)));
    } catch (e) {
      showError(output, e);
    }
  };
  const save = async () => {
    const name = prompt("Name of the query:");
    if (!name) return;
    await post("/saved-queries", { name, document: { kind: "builder", state, request: toRequest(state), chart } });
  };
  const matchSel = h("select", { "aria-label": "filters match" }, h("option", { value: "and", selected: state.match === "and" }, "all filters (AND)"), h("option", { value: "or", selected: state.match === "or" }, "any filter (OR)"));
  matchSel.addEventListener("change", () => (state.match = matchSel.value as "and" | "or"));
  const limit = h("input", { type: "number", min: 1, value: state.limit, "aria-label": "row limit", class: "narrow" });
  limit.addEventListener("input", () => (state.limit = Math.max(1, Number(limit.value) || 1)));
  main.append(
    h("div", { class: "controls" }, h("label", {}, "Chain ", chainSel), h("label", {}, "Table ", tableSel), h("label", {}, "Match ", matchSel), h("label", {}, "Limit ", limit)),
    card("Fields (drag into a slot)", fields),
    slots,
    h("div", { class: "controls" },
      h("button", { type: "button", id: "b-show", onclick: () => void submit(false) }, "Show SQL"),
      h("button", { type: "button", id: "b-run", onclick: () => void submit(true) }, "Run"),
      h("button", { type: "button", id: "b-save", onclick: () => void save() }, "Save")),
    sqlBox,
    output,
  );
  draw();
  if (savedId) await submit(true);
}
