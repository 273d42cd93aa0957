import { describe, expect, it } from "vitest";
import { addCase, amount, caseGraph, hiddenBy, taintPercent, timeline, total, UtxoCaseFile } from "./casegraph";

const T1 = "a".repeat(64);
const T2 = "b".repeat(64);
const T0 = "0".repeat(64);

function caseFile(steps: UtxoCaseFile["steps"], frontier: UtxoCaseFile["frontier"] = []): UtxoCaseFile {
  return {
    format: "openbds-case/1", created_at: "2026-11-20T10:00:00Z", software: "OpenBDS test",
    chain: { id: "ltc", network: "main", tip_height: 10, tip_hash: "f".repeat(64) },
    request: { from: `${T0}:0`, direction: "forward", taint_model: "haircut", hops: 2, min_value: 0, until: null, since: null, stop_at: {}, max_transactions: 100, start: [`${T0}:0`] },
    summary: { started: "100", frontier: "99", fees: "1", transactions: steps.length, frontier_outputs: frontier.length, truncated: false, balances: true },
    steps, labels: { thief: ["suspect: Thief (list, me, 2026-11-20)"] }, frontier,
  };
}

// T1 spends the thief's 100 into 60 to a and 39 to b; T2 spends a's 60 into 59 to c
const first = caseFile([
  { hop: 1, txid: T1, block_height: 5, block_hash: "1".repeat(64), time: "2026-10-02T00:00:00Z", fee: 1, fee_taint: "1",
    inputs: [{ vin: 0, spends: `${T0}:0`, address: "thief", value: 100, taint: "100" }],
    outputs: [{ vout: 0, address: "a", value: 60, taint: "60" }, { vout: 1, address: "b", value: 39, taint: "39" }] },
], [{ output: `${T1}:1`, address: "b", value: 39, hop: 1, reason: "unspent", taint: "39" }, { output: `${T1}:0`, address: "a", value: 60, hop: 1, reason: "hop_limit", taint: "60" }]);
const further = caseFile([
  { hop: 1, txid: T2, block_height: 7, block_hash: "2".repeat(64), time: "2026-10-05T00:00:00Z", fee: 1, fee_taint: "1",
    inputs: [{ vin: 0, spends: `${T1}:0`, address: "a", value: 60, taint: "60" }],
    outputs: [{ vout: 0, address: "c", value: 59, taint: "59" }, { vout: 1, address: null, value: 0, taint: null }] },
]);

describe("case graph", () => {
  it("has a node per transaction and holder and an edge per input and output", () => {
    const g = caseGraph(first);
    expect([...g.nodes.keys()].sort()).toEqual(["addr:a", "addr:b", "addr:thief", `tx:${T1}`]);
    expect([...g.edges.keys()].sort()).toEqual([`in:${T1}:0`, `out:${T1}:0`, `out:${T1}:1`]);
    expect(g.nodes.get("addr:thief")!.labels).toEqual(["suspect: Thief (list, me, 2026-11-20)"]);
    expect(g.edges.get(`out:${T1}:0`)).toMatchObject({ source: `tx:${T1}`, target: "addr:a", value: "60", taint: "60" });
  });

  it("merges a further trace by id", () => {
    const g = caseGraph(first);
    const added = addCase(g, further);
    expect(added.nodes.sort()).toEqual(["addr:c", `output:${T2}:1`, `tx:${T2}`]);
    expect(added.edges.sort()).toEqual([`in:${T2}:0`, `out:${T2}:0`, `out:${T2}:1`]);
    expect(addCase(g, further)).toEqual({ nodes: [], edges: [] });
  });

  it("hides edges below a value, transactions outside the time, and nodes left without visible edges", () => {
    const g = caseGraph(first);
    addCase(g, further);
    const byValue = hiddenBy(g, { minValue: 40n, from: null, to: null });
    expect([...byValue.edges].sort()).toEqual([`out:${T1}:1`, `out:${T2}:1`]);
    expect([...byValue.nodes].sort()).toEqual(["addr:b", `output:${T2}:1`]);
    const byTime = hiddenBy(g, { minValue: null, from: "2026-10-03T00:00:00Z", to: null });
    expect([...byTime.nodes].sort()).toEqual(["addr:b", "addr:thief", `tx:${T1}`]);
  });

  it("keeps amounts exact", () => {
    expect(amount("123456789012345678901234567890")).toBe(123456789012345678901234567890n);
    expect(amount("7/2")).toBe(3n);
    expect(total(["9007199254740993", "1"])).toBe(9007199254740994n);
    expect(taintPercent("1", "3")).toBe(33);
    expect(timeline([further, first]).map((s) => s.txid)).toEqual([T1, T2]);
  });
});
