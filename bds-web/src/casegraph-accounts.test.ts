import { describe, expect, it } from "vitest";
import { AccountCaseFile, AccountStep, accountTaint, addCase, caseGraph, CaseGraph, hiddenBy, timeline, transfersOf } from "./casegraph";

// a hand-made forward trace of 50 ether (5·10^19 wei, above 2^64) stolen from V by T, who had 10 ether of his own:
// T pays 30 ether into a forwarding contract F that passes it on to M1 and M2 by internal calls (tx B), then 18
// ether to an exchange X (tx C); hops 2, so M1 and M2 are where the trace stops
const E = 10n ** 18n;
const addr = (n: number) => "0x" + n.toString(16).padStart(40, "0");
const hash = (c: string) => "0x" + c.repeat(64);
const [V, T, F, M1, M2, X] = [addr(0x01), addr(0x02), addr(0x0f), addr(0x11), addr(0x12), addr(0xe0)];
const [A, B, C, D] = [hash("a"), hash("b"), hash("c"), hash("d")];
const FEE_B = 1234567890123456n;
const FEE_C = 987654321000000n;
const TOKEN = addr(0x70);

function accountCase(model: string, from: string, steps: AccountStep[], frontier: AccountCaseFile["frontier"], asset = "native"): AccountCaseFile {
  return {
    format: "openbds-case/1", model: "account", created_at: "2026-11-24T10:00:00Z", software: "OpenBDS test",
    chain: { id: "eth", network: "dev", tip_height: 40, tip_hash: hash("f") },
    request: { from, asset, direction: "forward", taint_model: model, hops: 2, min_value: "0", until: null, since: null, stop_at: {}, max_transactions: 100 },
    summary: { started: String(50n * E), frontier: "0", fees: "0", transactions: steps.length, frontier_accounts: frontier.length, truncated: false, balances: true },
    steps, labels: { [X]: ["exchange: Example Exchange (test list, tester, 2026-11-24)"] }, frontier,
  };
}

const step = (txid: string, hop: number, block: number, fee: bigint | null, feeTaint: bigint | null, transfers: [number, AccountStep["transfers"][0]["kind"], string | null, string | null, bigint, bigint, number][]): AccountStep => ({
  hop, txid, block_height: block, block_hash: hash(String(block % 10)), time: `2026-10-0${block}T00:00:00Z`,
  fee: fee === null ? null : String(fee), fee_taint: feeTaint === null ? null : String(feeTaint),
  transfers: transfers.map(([index, kind, from, to, value, taint, h]) => ({ index, kind, asset: "native", from, to, value: String(value), taint: String(taint), hop: h })),
});

const frontier = (address: string, reason: string, value: bigint, taint: bigint, hop: number, note?: string) =>
  ({ address, asset: "native", value: String(value), hop, reason, ...(note ? { note } : {}), taint: String(taint) });

// haircut: T holds 10 clean and 50 tainted ether, so each of his payments is 5/6 tainted
const haircut = accountCase("haircut", A, [
  step(A, 0, 1, null, null, [[0, "native", V, T, 50n * E, 50n * E, 0]]),
  step(B, 1, 2, FEE_B, (FEE_B * 5n) / 6n, [[0, "native", T, F, 30n * E, 25n * E, 1], [1, "internal", F, M1, 15n * E, 125n * E / 10n, 2], [2, "internal", F, M2, 15n * E, 125n * E / 10n, 2]]),
  step(C, 1, 3, FEE_C, (FEE_C * 5n) / 6n, [[0, "native", T, X, 18n * E, 15n * E, 1]]),
], [
  frontier(M1, "hop_limit", 15n * E, 125n * E / 10n, 2), frontier(M2, "hop_limit", 15n * E, 125n * E / 10n, 2),
  frontier(T, "held", 12n * E - FEE_B - FEE_C, 10n * E - ((FEE_B + FEE_C) * 5n) / 6n, 1),
  frontier(X, "stop_address", 18n * E, 15n * E, 1, "exchange: Example Exchange"),
]);

// FIFO: T's own 10 ether go first (the fee of tx B, then the start of his payment to F), and so F's first payment
// begins with them
const fifo = accountCase("fifo", A, [
  step(A, 0, 1, null, null, [[0, "native", V, T, 50n * E, 50n * E, 0]]),
  step(B, 1, 2, null, null, [[0, "native", T, F, 30n * E, 20n * E + FEE_B, 1], [1, "internal", F, M1, 15n * E, 5n * E + FEE_B, 2], [2, "internal", F, M2, 15n * E, 15n * E, 2]]),
  step(C, 1, 3, FEE_C, FEE_C, [[0, "native", T, X, 18n * E, 18n * E, 1]]),
], [
  frontier(M1, "hop_limit", 15n * E, 5n * E + FEE_B, 2), frontier(M2, "hop_limit", 15n * E, 15n * E, 2),
  frontier(T, "held", 12n * E - FEE_B - FEE_C, 12n * E - FEE_B - FEE_C, 1),
  frontier(X, "stop_address", 18n * E, 18n * E, 1, "exchange: Example Exchange"),
]);

/** The taint the start transfers carried out of their senders: the edges of hop 0 into their transaction. */
function leavingStart(g: CaseGraph): bigint {
  return [...g.edges.values()].filter((e) => e.kind === "in" && e.hop === 0).reduce((sum, e) => sum + BigInt(e.taint), 0n);
}

function frontierTotal(g: CaseGraph): bigint {
  return [...g.nodes.values()].flatMap((n) => n.frontier ?? []).reduce((sum, f) => sum + BigInt(f.taint), 0n);
}

function feeTotal(g: CaseGraph): bigint {
  return [...g.nodes.values()].reduce((sum, n) => sum + BigInt(n.feeTaint ?? "0"), 0n);
}

describe("account case graph", () => {
  it("draws each tainted transfer through its transaction, from its sender and to its recipient", () => {
    const g = caseGraph(haircut);
    expect([...g.nodes.keys()].sort()).toEqual([...[V, T, F, M1, M2, X].map((a) => "addr:" + a), ...[A, B, C].map((t) => "tx:" + t)].sort());
    expect([...g.edges.keys()].sort()).toEqual([`${A}:0`, `${B}:0`, `${B}:1`, `${B}:2`, `${C}:0`].flatMap((k) => ["send:" + k, "receive:" + k]).sort());
    expect(g.edges.get(`send:${B}:1`)).toMatchObject({ kind: "in", source: "addr:" + F, target: "tx:" + B, transfer: "internal", index: 1, hop: 2, value: String(15n * E), taint: "12500000000000000000" });
    expect(g.edges.get(`receive:${B}:1`)).toMatchObject({ kind: "out", source: "tx:" + B, target: "addr:" + M1, from: F, to: M1 });
    expect(g.edges.get(`receive:${A}:0`)!.taint).toBe("50000000000000000000");
    expect(BigInt(g.edges.get(`receive:${A}:0`)!.taint)).toBeGreaterThan(2n ** 64n);
    expect(g.nodes.get("addr:" + X)!.labels).toEqual(["exchange: Example Exchange (test list, tester, 2026-11-24)"]);
    expect(g.nodes.get("addr:" + X)!.frontier).toEqual([{ reason: "stop_address", note: "exchange: Example Exchange", asset: "native", value: String(18n * E), taint: String(15n * E), hop: 1 }]);
    expect(g.nodes.get("tx:" + B)).toMatchObject({ fee: String(FEE_B), feeTaint: "1028806575102880" });
    expect(g.nodes.get("tx:" + A)!.fee).toBeUndefined();
    expect(transfersOf(g, B).map((e) => e.id)).toEqual([`send:${B}:0`, `send:${B}:1`, `send:${B}:2`]);
  });

  for (const [model, c] of [["haircut", haircut], ["fifo", fifo]] as const) {
    it(`adds up exactly (${model}): the taint leaving the start is the frontier's and the fees'`, () => {
      const g = caseGraph(c);
      expect(leavingStart(g)).toBe(50n * E);
      expect(frontierTotal(g) + feeTotal(g)).toBe(leavingStart(g));
      // where the taint only passed or stopped, what came in went out or stayed, to the wei
      for (const a of [F, M1, M2, X]) {
        const t = accountTaint(g, "addr:" + a, "native");
        expect(t.received, a).toBe(t.sent + t.left);
      }
      // the thief paid the fees from what he received
      const thief = accountTaint(g, "addr:" + T, "native");
      expect(thief.received - thief.sent - thief.left).toBe(feeTotal(g));
      expect(accountTaint(g, "addr:" + V, "native")).toEqual({ received: 0n, sent: 50n * E, left: 0n, burnt: 0n });
    });
  }

  it("merges a further trace by id, keeping what the first one said", () => {
    const g = caseGraph(haircut);
    // from M1: its 15 ether, of which the exchange receives 14 (the rest pays the fee)
    const further = accountCase("haircut", M1, [step(D, 0, 4, 21000n * 7n, 21000n * 7n, [[0, "native", M1, X, 14n * E, 14n * E, 1]])],
      [frontier(M1, "held", E - 147000n, E - 147000n, 0), frontier(X, "stop_address", 14n * E, 14n * E, 1, "exchange: Example Exchange")]);
    const added = addCase(g, further);
    expect(added.nodes).toEqual(["tx:" + D]);
    expect(added.edges.sort()).toEqual([`receive:${D}:0`, `send:${D}:0`]);
    expect(addCase(g, further)).toEqual({ nodes: [], edges: [] });
    expect(g.nodes.get("addr:" + X)!.frontier).toHaveLength(1);
    expect(g.nodes.get("addr:" + M1)!.frontier!.map((f) => f.reason)).toEqual(["hop_limit"]);
  });

  it("keeps a token's transfers apart from native ones, and a burn has no recipient", () => {
    const tokens = accountCase("haircut", `${D}:3`, [{
      hop: 0, txid: D, block_height: 4, block_hash: hash("4"), time: "2026-10-04T00:00:00Z", fee: null, fee_taint: null,
      transfers: [
        { index: 3, kind: "token", asset: TOKEN, from: V, to: T, value: String(2n ** 70n), taint: String(2n ** 70n), hop: 0 },
        { index: 4, kind: "burn", asset: TOKEN, from: T, to: null, value: String(2n ** 68n), taint: String(2n ** 68n), hop: 1 },
      ],
    }], [{ address: T, asset: TOKEN, value: String(3n * 2n ** 68n), hop: 1, reason: "held", taint: String(3n * 2n ** 68n) },
      { address: T, asset: TOKEN, value: String(2n ** 68n), hop: 1, reason: "burnt", taint: String(2n ** 68n) }], TOKEN);
    const g = caseGraph(haircut);
    const added = addCase(g, tokens);
    expect(added.edges.sort()).toEqual([`receive:${D}:3:${TOKEN}`, `send:${D}:3:${TOKEN}`, `send:${D}:4:${TOKEN}`]);
    expect(g.edges.get(`send:${D}:4:${TOKEN}`)).toMatchObject({ transfer: "burn", to: null, taint: "295147905179352825856" });
    // the token graph alone balances too: what the thief got is what he burnt and kept
    const t = accountTaint(caseGraph(tokens), "addr:" + T, TOKEN);
    expect(t).toEqual({ received: 2n ** 70n, sent: 2n ** 68n, left: 3n * 2n ** 68n, burnt: 2n ** 68n });
    expect(t.received).toBe(t.left + t.burnt);
  });

  it("draws a transaction that only paid its fee from taint on its own, with the fee", () => {
    const feeOnly = accountCase("haircut", A, [step(D, 1, 4, 21000n * 9n, 21000n * 9n, [])], []);
    const g = caseGraph(feeOnly);
    expect([...g.nodes.keys()]).toEqual(["tx:" + D]);
    expect(g.edges.size).toBe(0);
    expect(g.nodes.get("tx:" + D)).toMatchObject({ label: "tx 0xdddddd…dddd · fee only", fee: "189000", feeTaint: "189000" });
    expect(feeTotal(g)).toBe(189000n);
  });

  it("hides transfers below a value on both sides of their transaction, and lists transactions with the taint they took in", () => {
    const g = caseGraph(haircut);
    const hidden = hiddenBy(g, { minValue: 16n * E, from: null, to: null });
    expect([...hidden.edges].sort()).toEqual([`${B}:1`, `${B}:2`].flatMap((k) => ["send:" + k, "receive:" + k]).sort());
    expect([...hidden.nodes].sort()).toEqual(["addr:" + M1, "addr:" + M2]);
    const byTime = hiddenBy(g, { minValue: null, from: "2026-10-03T00:00:00Z", to: null });
    expect([...byTime.nodes].sort()).toEqual(["addr:" + V, "tx:" + A, "tx:" + B, "addr:" + F, "addr:" + M1, "addr:" + M2].sort());
    // a contract passing on what it got in the same transaction adds nothing to what came in
    expect(timeline([haircut]).map((r) => [r.txid, r.tainted, r.fee])).toEqual([[A, 50n * E, null], [B, 25n * E, String(FEE_B)], [C, 15n * E, String(FEE_C)]]);
  });
});
