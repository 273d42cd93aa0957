// The condition query builder's state, and the request it makes (POST /api/v1/query). Pure: unit-tested.

export interface Filter {
  column: string;
  op: string;
  value: string;
}

export interface Aggregate {
  fn: string;
  column: string;
}

export interface Grouping {
  column: string;
  bucket: string;
}

export interface BuilderState {
  chain: string;
  table: string;
  filters: Filter[];
  match: "and" | "or";
  groups: Grouping[];
  aggregates: Aggregate[];
  sort: { column: string; direction: "asc" | "desc" } | null;
  limit: number;
}

export const OPERATORS = ["=", "!=", "<", "<=", ">", ">=", "between", "in", "like", "is_null", "is_not_null"];
export const FUNCTIONS = ["count", "count_distinct", "sum", "avg", "min", "max", "median"];

export function emptyState(chain: string, table: string): BuilderState {
  return { chain, table, filters: [], match: "and", groups: [], aggregates: [], sort: null, limit: 1000 };
}

/** The value the API expects for an operator: lists split on commas, between on "..", none for the null tests. */
export function filterValue(op: string, text: string): unknown {
  if (op === "is_null" || op === "is_not_null") return undefined;
  if (op === "in") return text.split(",").map((s) => s.trim()).filter((s) => s.length > 0).map(typed);
  if (op === "between") {
    const [low, high] = text.split("..").map((s) => s.trim());
    return [typed(low ?? ""), typed(high ?? "")];
  }
  return typed(text.trim());
}

function typed(s: string): unknown {
  if (s === "true" || s === "false") return s === "true";
  if (/^-?\d{1,15}$/.test(s)) return Number(s);
  return s;
}

export function aggregateName(a: Aggregate): string {
  return a.column ? `${a.fn}_${a.column}` : a.fn;
}

export function groupName(g: Grouping): string {
  return g.bucket ? `${g.column}_${g.bucket}` : g.column;
}

export function toRequest(s: BuilderState, run = true): Record<string, unknown> {
  const request: Record<string, unknown> = { chain: s.chain, table: s.table, limit: s.limit, run };
  const conditions = s.filters.map((f) => {
    const c: Record<string, unknown> = { column: f.column, op: f.op };
    const v = filterValue(f.op, f.value);
    if (v !== undefined) c.value = v;
    return c;
  });
  if (conditions.length === 1) request.filter = conditions[0];
  if (conditions.length > 1) request.filter = { [s.match]: conditions };
  if (s.groups.length) request.group_by = s.groups.map((g) => (g.bucket ? { column: g.column, bucket: g.bucket } : g.column));
  if (s.aggregates.length) request.aggregates = s.aggregates.map((a) => (a.column ? { fn: a.fn, column: a.column, as: aggregateName(a) } : { fn: a.fn, as: aggregateName(a) }));
  if (s.sort) request.order_by = [s.sort];
  return request;
}
