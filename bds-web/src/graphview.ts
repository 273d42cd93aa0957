// The case graph drawn with Cytoscape.js: layered left to right by hop (right to left for a backward trace), coloured
// by label category or by taint, with filtered elements hidden and a cluster's addresses collapsed into one node and
// back. An account case's transfers are drawn by kind (native solid, internal dashed, token with an open arrow), and
// an account where the trace stopped has a dark ring and its reason in its label. The data stays in casegraph.ts;
// this module only draws it.
import cytoscape from "cytoscape";
import { category, CaseGraph, GraphNode, taintPercent } from "./casegraph";

export type ColourMode = "label" | "taint";

export const CATEGORY_COLOURS: Record<string, string> = {
  exchange: "#1f77b4", mixer: "#9467bd", service: "#17becf", gambling: "#bcbd22", "mining-pool": "#8c564b", merchant: "#2ca02c",
  sanctioned: "#111111", scam: "#d62728", ransomware: "#7f0000", "darknet-market": "#e377c2", victim: "#ff7f0e", suspect: "#b8860b", other: "#7f7f7f",
};
const UNLABELLED = "#9aa5b1";
/** Nodes a column holds before it wraps. */
const ROWS = 10;
const TRANSACTION = "#41566e";

/** Taint shares and their colours, from none to whole. */
export const TAINT_BUCKETS: { upTo: number; colour: string; label: string }[] = [
  { upTo: 0, colour: "#c9d1db", label: "none" },
  { upTo: 25, colour: "#f6c343", label: "1–25 %" },
  { upTo: 50, colour: "#f08c2e", label: "26–50 %" },
  { upTo: 75, colour: "#e0532b", label: "51–75 %" },
  { upTo: 100, colour: "#b42318", label: "76–100 %" },
];

function bucket(percent: number): string {
  return (TAINT_BUCKETS.find((b) => percent <= b.upTo) ?? TAINT_BUCKETS[TAINT_BUCKETS.length - 1]).colour;
}

const STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 10, color: "#1c2430", "text-valign": "bottom", "text-margin-y": 3, width: 22, height: 22 } },
  { selector: 'node[kind = "tx"]', style: { shape: "round-rectangle", width: 26, height: 16 } },
  { selector: 'node[kind = "output"]', style: { shape: "diamond", width: 16, height: 16 } },
  { selector: 'node[kind = "cluster"]', style: { shape: "round-octagon", width: 40, height: 40, "border-width": 3, "border-color": "#24446f" } },
  { selector: "node[?frontier]", style: { "border-width": 2, "border-color": "#1c2430" } },
  { selector: "node.noted", style: { "border-width": 3, "border-color": "#f08c2e", "border-style": "dashed" } },
  { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle", "curve-style": "bezier", "control-point-step-size": 6, "arrow-scale": 0.8 } },
  { selector: 'edge[transfer = "internal"]', style: { "line-style": "dashed", "line-dash-pattern": [5, 3] } },
  { selector: 'edge[transfer = "token"], edge[transfer = "burn"]', style: { "target-arrow-shape": "vee", "target-arrow-fill": "hollow", "arrow-scale": 1.1 } },
  // a note is a halo, so that it does not hide how a transfer moved
  { selector: "edge.noted", style: { "underlay-color": "#f08c2e", "underlay-opacity": 0.45, "underlay-padding": 3 } },
  { selector: ":selected", style: { "overlay-color": "#1f5fbf", "overlay-opacity": 0.25, "overlay-padding": 4 } },
  { selector: ".filtered", style: { display: "none" } },
];

export class GraphView {
  readonly cy: cytoscape.Core;
  private readonly stash = new Map<number, cytoscape.ElementDefinition[]>();

  constructor(container: HTMLElement, private readonly backward: boolean) {
    this.cy = cytoscape({ container, elements: [], style: STYLE, layout: { name: "preset" }, minZoom: 0.05, maxZoom: 4 });
  }

  /**
   * Adds the given elements of the graph, placing new nodes in columns by hop from {@code origin} (a node's position,
   * or the start), each column top to bottom.
   */
  add(graph: CaseGraph, nodeIds: string[], edgeIds: string[], origin: { x: number; y: number } = { x: 0, y: 0 }): void {
    const column = new Map<string, number>();
    const nearest = (id: string, col: number) => column.set(id, Math.min(column.get(id) ?? col, col));
    for (const id of nodeIds) {
      const n = graph.nodes.get(id)!;
      if (n.kind === "tx") nearest(id, 2 * (n.hop ?? 1));
    }
    for (const id of edgeIds) {
      const e = graph.edges.get(id)!;
      const hop = graph.nodes.get(e.kind === "in" ? e.target : e.source)?.hop ?? 1;
      if (e.kind === "in") nearest(e.source, 2 * hop - 1);
      else nearest(e.target, 2 * hop + 1);
    }
    // columns left to right by hop; a tall column (a transaction with many outputs) wraps into sub-columns
    const members = new Map<number, string[]>();
    for (const id of nodeIds.filter((n) => this.cy.getElementById(n).empty())) {
      const col = column.get(id) ?? 1;
      members.set(col, [...(members.get(col) ?? []), id]);
    }
    const sign = this.backward ? -1 : 1;
    const placed: cytoscape.ElementDefinition[] = [];
    let x = 0;
    for (const col of [...members.keys()].sort((a, b) => a - b)) {
      const ids = members.get(col)!;
      ids.forEach((id, row) => placed.push({
        group: "nodes", data: nodeData(graph.nodes.get(id)!),
        position: { x: origin.x + sign * (x + Math.floor(row / ROWS) * 70), y: origin.y + (row % ROWS) * 56 },
      }));
      x += 170 + (Math.ceil(ids.length / ROWS) - 1) * 70;
    }
    this.cy.add(placed);
    this.cy.add(edgeIds.filter((id) => this.cy.getElementById(id).empty()).map((id) => {
      const e = graph.edges.get(id)!;
      return { group: "edges" as const, data: { id: e.id, source: e.source, target: e.target, kind: e.kind, transfer: e.transfer, value: e.value, taint: e.taint, colour: UNLABELLED, width: 1 } };
    }));
  }

  /** Colours every node and edge by label category or by taint, and sets each edge's width by its taint share. */
  colour(graph: CaseGraph, mode: ColourMode): void {
    this.cy.batch(() => {
      const strongest = new Map<string, number>();
      this.cy.edges().forEach((edge) => {
        const e = graph.edges.get(edge.id())!;
        const percent = taintPercent(e.taint, e.value);
        edge.data("colour", mode === "taint" ? bucket(percent) : UNLABELLED);
        edge.data("width", 1 + Math.round(percent / 25));
        // what reaches a node: an input reaches its transaction, an output its holder
        strongest.set(e.target, Math.max(strongest.get(e.target) ?? 0, percent));
      });
      this.cy.nodes().forEach((node) => {
        const kind = node.data("kind");
        if (kind === "cluster") node.data("colour", "#dbe7ff");
        else if (mode === "taint") node.data("colour", kind === "tx" && !strongest.has(node.id()) ? TRANSACTION : bucket(strongest.get(node.id()) ?? 0));
        else if (kind === "tx") node.data("colour", TRANSACTION);
        else node.data("colour", CATEGORY_COLOURS[category(graph.nodes.get(node.id())!) ?? ""] ?? UNLABELLED);
      });
    });
  }

  /** Hides exactly these elements (by id), shows the others. */
  hide(nodes: Set<string>, edges: Set<string>): void {
    this.cy.batch(() => {
      this.cy.elements().removeClass("filtered");
      this.cy.nodes().forEach((n) => { if (nodes.has(n.id())) n.addClass("filtered"); });
      this.cy.edges().forEach((e) => { if (edges.has(e.id())) e.addClass("filtered"); });
    });
  }

  /** Marks the elements that carry a note. */
  mark(noted: Set<string>): void {
    this.cy.batch(() => this.cy.elements().forEach((el) => { if (noted.has(el.id())) el.addClass("noted"); else el.removeClass("noted"); }));
  }

  /** Sets each address node's cluster id (addresses alone have none). */
  clusters(byAddress: Map<string, number>): void {
    this.cy.nodes('[kind = "address"]').forEach((n) => {
      const id = byAddress.get(n.data("address"));
      if (id !== undefined) n.data("cluster", id);
    });
  }

  isCollapsed(cluster: number): boolean {
    return this.stash.has(cluster);
  }

  /** Replaces the cluster's address nodes by one node; their edges move to it (and back on {@link expand}). */
  collapse(cluster: number, size: number): void {
    if (this.stash.has(cluster)) return;
    const members = this.cy.nodes(`[kind = "address"][cluster = ${cluster}]`);
    if (members.length < 2) return;
    const box = members.boundingBox({});
    const id = `cluster:${cluster}`;
    this.cy.add({ group: "nodes", data: { id, kind: "cluster", cluster, label: `cluster ${cluster} · ${members.length} of ${size} addresses`, colour: "#dbe7ff" },
      position: { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 } });
    members.connectedEdges().forEach((edge) => {
      if (edge.data("origSource") === undefined) edge.data({ origSource: edge.data("source"), origTarget: edge.data("target") });
      const moved = { source: members.has(edge.source()) ? id : edge.data("source"), target: members.has(edge.target()) ? id : edge.data("target") };
      edge.move(moved);
    });
    this.stash.set(cluster, members.jsons() as cytoscape.ElementDefinition[]);
    members.remove();
  }

  /** Puts a collapsed cluster's addresses back, with their edges. */
  expand(cluster: number): void {
    const members = this.stash.get(cluster);
    if (!members) return;
    this.stash.delete(cluster);
    this.cy.add(members);
    const id = `cluster:${cluster}`;
    this.cy.getElementById(id).connectedEdges().forEach((edge) => {
      edge.move({ source: edge.data("origSource"), target: edge.data("origTarget") });
    });
    this.cy.getElementById(id).remove();
  }

  collapsedClusters(): number[] {
    return [...this.stash.keys()];
  }

  /** Every node's position, of collapsed clusters' addresses too. */
  positions(): Record<string, { x: number; y: number }> {
    const out: Record<string, { x: number; y: number }> = {};
    this.cy.nodes().forEach((n) => { if (n.data("kind") !== "cluster") out[n.id()] = { ...n.position() }; });
    for (const members of this.stash.values()) for (const m of members) if (m.data.id && m.position) out[m.data.id] = { ...m.position };
    return out;
  }

  place(positions: Record<string, { x: number; y: number }>): void {
    this.cy.nodes().forEach((n) => { const p = positions[n.id()]; if (p) n.position(p); });
  }

  select(id: string): boolean {
    const el = this.cy.getElementById(id);
    if (el.empty()) return false;
    this.cy.elements().unselect();
    el.select();
    // the view moves only to bring an element out of sight into it
    const box = el.boundingBox({});
    const seen = this.cy.extent();
    if (box.x1 < seen.x1 || box.x2 > seen.x2 || box.y1 < seen.y1 || box.y2 > seen.y2) this.cy.center(el);
    return true;
  }

  png(): Blob {
    return this.cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2 });
  }

  /** The graph as drawn, for scripts: every node and edge with whether it is hidden, each edge with its amounts. */
  elements(): {
    nodes: { id: string; kind: string; label: string; hidden: boolean; cluster: number | null }[];
    edges: { id: string; source: string; target: string; value: string; taint: string; transfer: string | null; hidden: boolean }[];
  } {
    return {
      nodes: this.cy.nodes().map((n) => ({ id: n.id(), kind: n.data("kind"), label: n.data("label"), hidden: n.hasClass("filtered"), cluster: n.data("cluster") ?? null })),
      edges: this.cy.edges().map((e) => ({ id: e.id(), source: e.data("source"), target: e.data("target"), value: e.data("value"), taint: e.data("taint"),
        transfer: e.data("transfer") ?? null, hidden: e.hasClass("filtered") })),
    };
  }

  destroy(): void {
    this.cy.destroy();
  }
}

function nodeData(n: GraphNode): Record<string, unknown> {
  const reasons = [...new Set((n.frontier ?? []).map((f) => f.reason.replace(/_/g, " ")))];
  return { id: n.id, kind: n.kind, label: reasons.length ? `${n.label} · ${reasons.join(", ")}` : n.label, address: n.address, txid: n.txid,
    frontier: reasons.length > 0, colour: UNLABELLED };
}
