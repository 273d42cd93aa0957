// The flow graph of a case file (format openbds-case/1), as plain data the workspace draws and unit tests check.
// Ids depend only on the chain, so the graph of a further trace merges into the first by id.
//
// Bitcoin-family (UTXO) case files: nodes are transactions ("tx:<txid>") and addresses ("addr:<address>"; an output
// without an address is its own node, "output:<txid>:<vout>"); edges are value flows: an input into its transaction
// ("in:<txid>:<vin>") and a transaction into an output's address ("out:<txid>:<vout>"), each with its value and taint.
//
// Account-model case files ("model": "account", the Ethereum family): nodes are transactions ("tx:<hash>") and
// accounts ("addr:<address>"); each tainted transfer is drawn through its transaction, from the sender into it
// ("send:<key>") and out of it to the recipient ("receive:<key>"), both with the transfer's value, taint, kind and
// hop. The key is "<hash>:<index>" for the native asset and "<hash>:<index>:<token>" for a token, whose log indexes
// would otherwise meet the trace indexes of native transfers in a graph that holds both. The fee a transaction paid
// from tainted funds stays on its node: the case file does not say which account paid it. An account where the
// trace stopped keeps its frontier entries (reason and taint).
//
// Amounts are exact: values and taints are kept as digit strings and compared and added as BigInt, never as JS
// numbers. (A UTXO case file writes output values as JSON integers; a Bitcoin-family value is at most 21 million coins
// of 10^8 units, below 2^53, so JSON.parse reads it exactly, and it is turned into digits at once. An account case file
// writes every amount, of wei or a token's units and often above 2^64, as a digit string.)

export interface CaseInput { vin: number; spends: string; address: string | null; value: number | string; taint: string | null }
export interface CaseOutput { vout: number; address: string | null; value: number | string; taint: string | null }
export interface CaseStep {
  hop: number; txid: string; block_height: number; block_hash: string; time: string; fee: number | string; fee_taint: string;
  inputs: CaseInput[]; outputs: CaseOutput[];
}
export interface FrontierEntry { output: string; address: string | null; value: number | string; hop: number; reason: string; note?: string; taint: string | null }
interface CaseHeader {
  format: string;
  created_at: string;
  software: string;
  chain: { id: string; network: string; tip_height: number; tip_hash: string };
  labels: Record<string, string[]>;
}
/** A trace of a Bitcoin-family chain: outputs spent by inputs. */
export interface UtxoCaseFile extends CaseHeader {
  model?: undefined;
  request: { from: string; direction: string; taint_model: string; hops: number; min_value: number; until: string | null; since: string | null; stop_at: Record<string, string>; max_transactions: number; start: string[] };
  summary: { started: string; frontier: string; fees: string; transactions: number; frontier_outputs: number; truncated: boolean; balances: boolean };
  steps: CaseStep[];
  frontier: FrontierEntry[];
}

/** How a transfer of an account case moved value: a top-level call, a nested call, an ERC-20 event, a token burn. */
export type TransferKind = "native" | "internal" | "token" | "burn";
export interface AccountTransfer { index: number; kind: TransferKind; asset: string; from: string | null; to: string | null; value: string; taint: string; hop: number }
export interface AccountStep {
  hop: number; txid: string; block_height: number; block_hash: string; time: string;
  /** The fee and its part paid from tainted funds (wei, digits); null when no tainted funds paid it. */
  fee: string | null; fee_taint: string | null;
  transfers: AccountTransfer[];
}
export interface AccountFrontierEntry { address: string; asset: string; value: string; hop: number; reason: string; note?: string; taint: string }
/** A trace of an Ethereum-family chain: accounts that pool what they receive. */
export interface AccountCaseFile extends CaseHeader {
  model: "account";
  request: { from: string; asset: string; direction: string; taint_model: string; hops: number; min_value: string; until: string | null; since: string | null; stop_at: Record<string, string>; max_transactions: number };
  summary: { started: string; frontier: string; fees: string; transactions: number; frontier_accounts: number; truncated: boolean; balances: boolean };
  steps: AccountStep[];
  frontier: AccountFrontierEntry[];
}
export type CaseFile = UtxoCaseFile | AccountCaseFile;

export function isAccountCase(c: CaseFile): c is AccountCaseFile {
  return c.model === "account";
}

/** Where a trace stopped at an account: why, and how much taint it left there (digits). */
export interface FrontierMark { reason: string; note?: string; asset: string; value: string; taint: string; hop: number }

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
  /** Account cases, transactions: the fee, and the part of it paid from tainted funds (base units, digits). */
  fee?: string;
  feeTaint?: string;
  /** Account cases, accounts: where the trace stopped here. */
  frontier?: FrontierMark[];
}

export interface GraphEdge {
  id: string;
  /** Into its transaction (an input, or a transfer's sender) or out of it (an output, or a transfer's recipient). */
  kind: "in" | "out";
  source: string;
  target: string;
  txid: string;
  /** UTXO cases: the output that flows, the one spent (in) or made (out), txid:vout. */
  outpoint?: string;
  /** Account cases: the transfer's kind, its index in the transaction (trace or log index), asset, hop and accounts. */
  transfer?: TransferKind;
  index?: number;
  asset?: string;
  hop?: number;
  from?: string | null;
  to?: string | null;
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

/** The graph of a case file: every step's transaction with its flows, and the frontier's holders. */
export function caseGraph(c: CaseFile): CaseGraph {
  const graph = emptyGraph();
  addCase(graph, c);
  return graph;
}

/**
 * Adds what a case file holds that the graph does not have yet (by id); returns the ids added. Elements already
 * there keep their data: a transaction traced again is the same transaction, its taint the first trace's; an account
 * keeps the frontier entries of the trace that first drew it.
 */
export function addCase(graph: CaseGraph, c: CaseFile): { nodes: string[]; edges: string[] } {
  const before = { nodes: new Set(graph.nodes.keys()), edges: new Set(graph.edges.keys()) };
  if (isAccountCase(c)) addAccountCase(graph, c, before.nodes);
  else addUtxoCase(graph, c);
  return {
    nodes: [...graph.nodes.keys()].filter((k) => !before.nodes.has(k)),
    edges: [...graph.edges.keys()].filter((k) => !before.edges.has(k)),
  };
}

function transactionNode(graph: CaseGraph, s: { txid: string; time: string; hop: number; block_height: number }): string {
  const tx = "tx:" + s.txid;
  if (!graph.nodes.has(tx)) {
    graph.nodes.set(tx, { id: tx, kind: "tx", label: "tx " + short(s.txid), txid: s.txid, time: s.time, hop: s.hop, block: s.block_height, labels: [] });
  }
  return tx;
}

function addUtxoCase(graph: CaseGraph, c: UtxoCaseFile): void {
  for (const s of c.steps) {
    const tx = transactionNode(graph, s);
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
}

/** The key of a transfer in edge ids: its transaction and index, and the token when it is not the native asset. */
export function transferKey(txid: string, index: number, asset: string): string {
  return asset === "native" ? `${txid}:${index}` : `${txid}:${index}:${asset}`;
}

function addAccountCase(graph: CaseGraph, c: AccountCaseFile, before: Set<string>): void {
  for (const s of c.steps) {
    const tx = transactionNode(graph, s);
    const node = graph.nodes.get(tx)!;
    if (!before.has(tx) && s.fee !== null) {
      node.fee = s.fee;
      node.feeTaint = String(amount(s.fee_taint));
      // a transaction that moved none of the asset but paid its fee from taint (a token transfer, in a trace of ether)
      if (s.transfers.length === 0) node.label += " · fee only";
    }
    for (const t of s.transfers) {
      const key = transferKey(s.txid, t.index, t.asset);
      const flow = { txid: s.txid, transfer: t.kind, index: t.index, asset: t.asset, hop: t.hop, from: t.from, to: t.to, value: t.value, taint: String(amount(t.taint)), time: s.time };
      // a burn has no recipient; tokens never come from nowhere in a step (mints carry no taint forward)
      if (t.from !== null && !graph.edges.has("send:" + key)) {
        graph.edges.set("send:" + key, { id: "send:" + key, kind: "in", source: holder(graph, c, t.from, key), target: tx, ...flow });
      }
      if (t.to !== null && !graph.edges.has("receive:" + key)) {
        graph.edges.set("receive:" + key, { id: "receive:" + key, kind: "out", source: tx, target: holder(graph, c, t.to, key), ...flow });
      }
    }
  }
  for (const e of c.frontier) {
    const id = holder(graph, c, e.address, "");
    if (before.has(id)) continue;
    const node = graph.nodes.get(id)!;
    (node.frontier ??= []).push({ reason: e.reason, ...(e.note ? { note: e.note } : {}), asset: e.asset, value: e.value, taint: String(amount(e.taint)), hop: e.hop });
  }
}

/** Each transfer of a transaction once: the edge from its sender, or to its recipient when it has no sender. */
export function transfersOf(graph: CaseGraph, txid: string): GraphEdge[] {
  return [...graph.edges.values()].filter((e) => e.txid === txid && e.transfer !== undefined && (e.kind === "in" || e.from === null))
    .sort((a, b) => (a.asset! < b.asset! ? -1 : a.asset! > b.asset! ? 1 : a.index! - b.index!));
}

/**
 * An account's taint in {@code asset} as the graph shows it: what its transfers brought in and took out, what the trace left there
 * (its frontier entries but burns) and what it burnt (sent to no account, so also among what it sent). Forward, with
 * haircut or FIFO, received less sent is what was left — but at the start, which brought the taint, and at an
 * account whose fees were paid from taint.
 */
export function accountTaint(graph: CaseGraph, id: string, asset: string): { received: bigint; sent: bigint; left: bigint; burnt: bigint } {
  let received = 0n;
  let sent = 0n;
  for (const e of graph.edges.values()) {
    if (e.transfer === undefined || e.asset !== asset) continue;
    if (e.target === id) received += amount(e.taint);
    if (e.source === id) sent += amount(e.taint);
  }
  let left = 0n;
  let burnt = 0n;
  for (const f of graph.nodes.get(id)?.frontier ?? []) {
    if (f.asset !== asset) continue;
    if (f.reason === "burnt") burnt += amount(f.taint);
    else left += amount(f.taint);
  }
  return { received, sent, left, burnt };
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

/** A transaction as the timeline lists it: when, where, and the taint it moved. */
export interface TimelineRow {
  txid: string;
  time: string;
  block_height: number;
  hop: number;
  /** Taint that came into the transaction: its inputs' (UTXO), or its transfers' from accounts outside it (accounts). */
  tainted: bigint;
  /** The asset of the taint: "native", or a token's contract address. */
  asset: string;
  /** Its fee (base units of the native asset, digits), when the case file gives it. */
  fee: string | null;
}

/**
 * The steps of case files in time order (then block, then hop), each transaction once. In an account case a
 * transfer from an account that received taint earlier in the same transaction (a contract passing funds on) moves
 * taint already counted, so only transfers from accounts outside the transaction count as tainted in.
 */
export function timeline(cases: CaseFile[]): TimelineRow[] {
  const byTxid = new Map<string, TimelineRow>();
  for (const c of cases) {
    for (const s of c.steps) {
      if (byTxid.has(s.txid)) continue;
      const row = { txid: s.txid, time: s.time, block_height: s.block_height, hop: s.hop };
      if ("transfers" in s) {
        const reached = new Set<string>();
        let tainted = 0n;
        for (const t of [...s.transfers].sort((a, b) => a.index - b.index)) {
          if (t.from !== null && !reached.has(t.from)) tainted += amount(t.taint);
          if (t.to !== null) reached.add(t.to);
        }
        byTxid.set(s.txid, { ...row, tainted, asset: isAccountCase(c) ? c.request.asset : "native", fee: s.fee });
      } else {
        byTxid.set(s.txid, { ...row, tainted: total(s.inputs.map((i) => i.taint)), asset: "native", fee: String(s.fee) });
      }
    }
  }
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
