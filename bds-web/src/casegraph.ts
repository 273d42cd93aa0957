// The flow graph of a case file (format openbds-case/1), as plain data the workspace draws and unit tests check.
// Nodes are transactions ("tx:<txid>") and addresses ("addr:<address>"; an output without an address is its own node,
// "output:<txid>:<vout>"); edges are value flows: an input into its transaction ("in:<txid>:<vin>") and a transaction
// into an output's address ("out:<txid>:<vout>"), each with its value and taint. Ids depend only on the chain, so the
// graph of a further trace merges into the first by id.
//
// Amounts are exact: values and taints are kept as digit strings and compared and added as BigInt, never as JS
// numbers. (A case file writes output values as JSON integers; a Bitcoin-family value is at most 21 million coins of
// 10^8 units, below 2^53, so JSON.parse reads it exactly, and it is turned into digits at once.)

export interface CaseInput { vin: number; spends: string; address: string | null; value: number | string; taint: string | null }
export interface CaseOutput { vout: number; address: string | null; value: number | string; taint: string | null }
export interface CaseStep {
  hop: number; txid: string; block_height: number; block_hash: string; time: string; fee: number | string; fee_taint: string;
  inputs: CaseInput[]; outputs: CaseOutput[];
}
export interface FrontierEntry { output: string; address: string | null; value: number | string; hop: number; reason: string; note?: string; taint: string | null }
export interface CaseFile {
  format: string;
  created_at: string;
  software: string;
  chain: { id: string; network: string; tip_height: number; tip_hash: string };
  request: { from: string; direction: string; taint_model: string; hops: number; min_value: number; until: string | null; since: string | null; stop_at: Record<string, string>; max_transactions: number; start: string[] };
  summary: { started: string; frontier: string; fees: string; transactions: number; frontier_outputs: number; truncated: boolean; balances: boolean };
  steps: CaseStep[];
  labels: Record<string, string[]>;
  frontier: FrontierEntry[];
}

export interface GraphNode {
  id: string;
  kind: "tx" | "address" | "output";
  label: string;
  address?: string;
  txid?: string;
  time?: string;
  hop?: number;
  block?: number;
  /** Labels as the case file describes them ("exchange: Name (source, author, date)"). */
  labels: string[];
}

export interface GraphEdge {
  id: string;
  kind: "in" | "out";
  source: string;
  target: string;
  txid: string;
  /** The output that flows: the one spent (in) or made (out), txid:vout. */
  outpoint: string;
  /** Base units, digits. */
  value: string;
  /** Tainted base units, digits (whole part of an exact fraction). */
  taint: string;
  time: string;
}

export interface CaseGraph {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
}

export function emptyGraph(): CaseGraph {
  return { nodes: new Map(), edges: new Map() };
}

/** The node an output's value goes to: its address, or the output itself when it has none. */
export function holderId(address: string | null, outpoint: string): string {
  return address ? "addr:" + address : "output:" + outpoint;
}

/** An exact amount of a case file (digits, or an exact fraction n/d) as whole base units, rounded down. */
export function amount(text: string | number | null | undefined): bigint {
  if (text === null || text === undefined || text === "") return 0n;
  const s = String(text);
  const slash = s.indexOf("/");
  if (slash > 0) return BigInt(s.slice(0, slash)) / BigInt(s.slice(slash + 1));
  if (!/^\d+$/.test(s)) throw new Error(`not an amount: ${s}`);
  return BigInt(s);
}

/** The taint as a whole percentage of the value (0–100), computed exactly. */
export function taintPercent(taint: string, value: string): number {
  const v = amount(value);
  if (v === 0n) return 0;
  return Number((amount(taint) * 100n) / v);
}

function short(text: string, keep = 8): string {
  return text.length <= keep * 2 + 1 ? text : text.slice(0, keep) + "…" + text.slice(-4);
}

function holder(graph: CaseGraph, c: CaseFile, address: string | null, outpoint: string): string {
  const id = holderId(address, outpoint);
  if (!graph.nodes.has(id)) {
    graph.nodes.set(id, address
      ? { id, kind: "address", label: short(address), address, labels: c.labels[address] ?? [] }
      : { id, kind: "output", label: "output " + short(outpoint), labels: [] });
  } else if (address && c.labels[address] && graph.nodes.get(id)!.labels.length === 0) {
    graph.nodes.get(id)!.labels = c.labels[address];
  }
  return id;
}

/** The graph of a case file: every step's transaction, inputs and outputs, and the frontier's holders. */
export function caseGraph(c: CaseFile): CaseGraph {
  const graph = emptyGraph();
  addCase(graph, c);
  return graph;
}

/**
 * Adds what a case file holds that the graph does not have yet (by id); returns the ids added. Elements already
 * there keep their data: a transaction traced again is the same transaction, its taint the first trace's.
 */
export function addCase(graph: CaseGraph, c: CaseFile): { nodes: string[]; edges: string[] } {
  const before = { nodes: new Set(graph.nodes.keys()), edges: new Set(graph.edges.keys()) };
  for (const s of c.steps) {
    const tx = "tx:" + s.txid;
    if (!graph.nodes.has(tx)) {
      graph.nodes.set(tx, { id: tx, kind: "tx", label: "tx " + short(s.txid), txid: s.txid, time: s.time, hop: s.hop, block: s.block_height, labels: [] });
    }
    for (const i of s.inputs) {
      const id = `in:${s.txid}:${i.vin}`;
      if (graph.edges.has(id)) continue;
      const source = holder(graph, c, i.address, i.spends);
      graph.edges.set(id, { id, kind: "in", source, target: tx, txid: s.txid, outpoint: i.spends, value: String(i.value), taint: String(amount(i.taint)), time: s.time });
    }
    for (const o of s.outputs) {
      const id = `out:${s.txid}:${o.vout}`;
      if (graph.edges.has(id)) continue;
      const outpoint = `${s.txid}:${o.vout}`;
      const target = holder(graph, c, o.address, outpoint);
      graph.edges.set(id, { id, kind: "out", source: tx, target, txid: s.txid, outpoint, value: String(o.value), taint: String(amount(o.taint)), time: s.time });
    }
  }
  for (const e of c.frontier) holder(graph, c, e.address, e.output);
  return {
    nodes: [...graph.nodes.keys()].filter((k) => !before.nodes.has(k)),
    edges: [...graph.edges.keys()].filter((k) => !before.edges.has(k)),
  };
}

export interface Filter {
  /** Edges of a smaller value (base units) are hidden. */
  minValue: bigint | null;
  /** Transactions before this instant (ISO text) are hidden, with their edges. */
  from: string | null;
  /** Transactions after this instant are hidden, with their edges. */
  to: string | null;
}

/**
 * What a filter hides: edges below the value or of a transaction outside the time range; transactions outside the
 * range; and any node whose edges are all hidden (a node without edges, a frontier holder, stays).
 */
export function hiddenBy(graph: CaseGraph, f: Filter): { nodes: Set<string>; edges: Set<string> } {
  const outside = (time: string | undefined) =>
    time !== undefined && ((f.from !== null && Date.parse(time) < Date.parse(f.from)) || (f.to !== null && Date.parse(time) > Date.parse(f.to)));
  const edges = new Set<string>();
  for (const e of graph.edges.values()) {
    if ((f.minValue !== null && amount(e.value) < f.minValue) || outside(e.time)) edges.add(e.id);
  }
  const nodes = new Set<string>();
  const seen = new Map<string, { all: number; hidden: number }>();
  for (const e of graph.edges.values()) {
    for (const n of [e.source, e.target]) {
      const s = seen.get(n) ?? { all: 0, hidden: 0 };
      s.all++;
      if (edges.has(e.id)) s.hidden++;
      seen.set(n, s);
    }
  }
  for (const n of graph.nodes.values()) {
    const s = seen.get(n.id);
    if ((n.kind === "tx" && outside(n.time)) || (s !== undefined && s.all === s.hidden)) nodes.add(n.id);
  }
  return { nodes, edges };
}

/** The steps of case files in time order (then block, then hop), each transaction once. */
export function timeline(cases: CaseFile[]): CaseStep[] {
  const byTxid = new Map<string, CaseStep>();
  for (const c of cases) for (const s of c.steps) if (!byTxid.has(s.txid)) byTxid.set(s.txid, s);
  return [...byTxid.values()].sort((a, b) => Date.parse(a.time) - Date.parse(b.time) || a.block_height - b.block_height || a.hop - b.hop || (a.txid < b.txid ? -1 : 1));
}

/** The sum of exact amounts. */
export function total(values: (string | number | null)[]): bigint {
  return values.reduce<bigint>((sum, v) => sum + amount(v), 0n);
}

/** The label category of a node (the first label's), if any. */
export function category(node: GraphNode): string | null {
  const first = node.labels[0];
  return first ? first.slice(0, first.indexOf(":")) : null;
}
