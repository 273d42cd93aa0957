import { api, chains } from "../api";
import { drawChart } from "../chart";
import { h, link } from "../dom";
import { decimalsOf, formatNumber, formatUnits, shortHash } from "../format";
import { Route, routeHref } from "../router";
import { card, keyValues, table } from "./common";
import { renderAccount, renderLedger, renderXrpTransaction } from "./xrp";

type Row = Record<string, any>;

async function familyOf(chain: string): Promise<string> {
  return (await chains()).find((c) => c.chain === chain)?.family ?? "bitcoin";
}

const txLink = (chain: string, id: string) => link(routeHref(["tx", chain, id]), shortHash(id));
const addressLink = (chain: string, a: string | null) => (a ? link(routeHref(["address", chain, a]), a) : "–");

export async function renderBlock(main: HTMLElement, route: Route): Promise<void> {
  const [, chain, id] = route.parts;
  const family = await familyOf(chain);
  if (family === "xrp") return renderLedger(main, chain, id);
  const b = await api<Row>(`/chains/${chain}/blocks/${encodeURIComponent(id)}?transactions=1000`);
  const d = decimalsOf(family);
  const height = Number(b.height ?? b.number);
  main.append(
    h("h1", {}, `${chain.toUpperCase()} block ${formatNumber(height)}`),
    h("p", { class: "nav-row" },
      height > 0 ? link(routeHref(["block", chain, String(height - 1)]), "‹ previous") : "",
      " ", link(routeHref(["block", chain, String(height + 1)]), "next ›")),
    keyValues(
      family === "ethereum"
        ? [["hash", b.hash], ["parent", b.parent_hash], ["time (UTC)", b.timestamp], ["miner", addressLink(chain, b.miner)], ["transactions", b.transaction_count],
           ["gas used", b.gas_used], ["gas limit", b.gas_limit], ["base fee (wei)", b.base_fee_per_gas], ["burnt fees", formatUnits(b.burnt_fees, d)], ["size", b.size]]
        : [["hash", b.hash], ["previous", b.prev_hash], ["time (UTC)", b.time], ["transactions", b.tx_count], ["inputs", b.input_count], ["outputs", b.output_count],
           ["output value", formatUnits(b.output_value, d)], ["fees", formatUnits(b.fee, d)], ["coinbase value", formatUnits(b.coinbase_value, d)],
           ["size / weight", `${formatNumber(b.size)} / ${formatNumber(b.weight)}`], ["difficulty", b.difficulty], ["merkle root", b.merkle_root]],
    ),
    card("Transactions",
      table(
        family === "ethereum" ? ["#", "hash", "from", "to", "value", "fee", "status"] : ["#", "txid", "inputs", "outputs", "output value", "fee", "vsize"],
        (b.transactions as Row[]).map((t) => family === "ethereum"
          ? [t.transaction_index, txLink(chain, t.hash), addressLink(chain, t.from_address), addressLink(chain, t.to_address), formatUnits(t.value, d), formatUnits(t.fee, d), t.status]
          : [t.position, txLink(chain, t.txid), t.input_count, t.output_count, formatUnits(t.output_value, d), formatUnits(t.fee, d), t.vsize]),
      )),
  );
}

export async function renderTransaction(main: HTMLElement, route: Route): Promise<void> {
  const [, chain, id] = route.parts;
  const family = await familyOf(chain);
  if (family === "xrp") return renderXrpTransaction(main, chain, id);
  const t = await api<Row>(`/chains/${chain}/transactions/${encodeURIComponent(id)}`);
  const d = decimalsOf(family);
  main.append(h("h1", {}, `${chain.toUpperCase()} transaction`), h("p", { class: "mono" }, t.txid ?? t.hash));
  if (family === "ethereum") {
    main.append(
      h("p", {}, link(routeHref(["cases"], { chain, from: t.hash }), "Trace from this transaction in the case workspace")),
      keyValues([["block", link(routeHref(["block", chain, String(t.block_number)]), formatNumber(t.block_number))], ["time (UTC)", t.block_timestamp],
        ["from", addressLink(chain, t.from_address)], ["to", addressLink(chain, t.to_address)], ["value", formatUnits(t.value, d)], ["fee", formatUnits(t.fee, d)],
        ["burnt", formatUnits(t.burnt_fee, d)], ["status", t.status === 1 ? "success" : t.status === 0 ? "failed" : "–"], ["gas used", t.gas_used],
        ["type", t.transaction_type], ["confirmations", t.confirmations], ["contract created", t.contract_address ? addressLink(chain, t.contract_address) : "–"]]),
      card("Token transfers", table(["standard", "token", "from", "to", "value", "token id"],
        (t.token_transfers as Row[]).map((x) => [x.token_standard, addressLink(chain, x.token_address), addressLink(chain, x.from_address), addressLink(chain, x.to_address), x.value, x.token_id]))),
      card("Internal transactions", table(["trace", "type", "from", "to", "value", "error"],
        (t.internal_transactions as Row[]).map((x) => [x.trace_address, x.call_type ?? x.trace_type, addressLink(chain, x.from_address), addressLink(chain, x.to_address), formatUnits(x.value, d), x.error ?? (x.reverted ? "reverted" : "")]))),
      card("Logs", table(["#", "address", "topic0", "data"], (t.logs as Row[]).map((x) => [x.log_index, addressLink(chain, x.address), shortHash(x.topic0 ?? ""), shortHash(x.data ?? "", 20)]))),
    );
    return;
  }
  main.append(
    keyValues([["block", link(routeHref(["block", chain, String(t.block_height)]), formatNumber(t.block_height))], ["time (UTC)", t.time],
      ["input value", formatUnits(t.input_value, d)], ["output value", formatUnits(t.output_value, d)], ["fee", formatUnits(t.fee, d)],
      ["size / vsize / weight", `${t.size} / ${t.vsize} / ${t.weight}`], ["segwit", t.has_witness ? "yes" : "no"], ["confirmations", t.confirmations]]),
    h("div", { class: "two" },
      card("Inputs", table(["#", "from", "value", "spends"], (t.inputs as Row[]).map((i) => [i.vin, i.is_coinbase ? "coinbase" : addressLink(chain, i.address),
        i.is_coinbase ? "–" : formatUnits(i.value, d), i.spent_txid ? h("span", {}, txLink(chain, i.spent_txid), `:${i.spent_vout}`) : "–"]))),
      card("Outputs", table(["#", "to", "value", "type", "spent by"], (t.outputs as Row[]).map((o) => [o.vout, addressLink(chain, o.address), formatUnits(o.value, d), o.script_type,
        o.spent_txid ? txLink(chain, o.spent_txid) : "unspent"])))),
  );
}

export async function renderAddress(main: HTMLElement, route: Route): Promise<void> {
  const [, chain, address] = route.parts;
  const family = await familyOf(chain);
  if (family === "xrp") return renderAccount(main, chain, address);
  const d = decimalsOf(family);
  const a = await api<Row>(`/chains/${chain}/addresses/${encodeURIComponent(address)}`);
  main.append(h("h1", {}, `${chain.toUpperCase()} address`), h("p", { class: "mono" }, address));
  if (family === "bitcoin" || family === "ethereum") main.append(h("p", {}, link(routeHref(["cases"], { chain, from: address }), "Trace from this address in the case workspace")));
  main.append(keyValues(family === "ethereum"
    ? [["balance", formatUnits(a.balance, d)], ["balance changes", a.changes], ["first seen", a.first_seen], ["last seen", a.last_seen], ["contract", a.is_contract ? "yes" : "no"]]
    : [["balance", formatUnits(a.balance, d)], ["received", formatUnits(a.received, d)], ["sent", formatUnits(a.sent, d)], ["transactions", a.tx_count],
       ["unspent outputs", a.unspent_outputs], ["first seen", a.first_seen], ["last seen", a.last_seen]]));
  const chartEl = h("div", { class: "chart", id: "balance-chart" });
  main.append(card("Balance over its last transactions", chartEl));
  const historyBox = h("div");
  const more = h("button", { type: "button", id: "more-history" }, "Load more");
  main.append(card("History", historyBox, more));
  const parties = (await api<{ counterparties: any }>(`/chains/${chain}/addresses/${encodeURIComponent(address)}/counterparties`)).counterparties;
  if (family === "ethereum") {
    main.append(card("Tokens", table(["standard", "token", "symbol", "token id", "balance"], (a.tokens as Row[]).map((t) => [t.token_standard, addressLink(chain, t.token_address), t.symbol, t.token_id, t.balance]))));
    main.append(card("Counterparties", table(["address", "transactions", "value"], (parties as Row[]).map((c) => [addressLink(chain, c.address), c.transactions, formatUnits(c.value, d)]))));
  } else {
    main.append(h("div", { class: "two" },
      card("Paid most to", table(["address", "value", "transactions"], (parties.paid_to as Row[]).map((c) => [addressLink(chain, c.address), formatUnits(c.value, d), c.transactions]))),
      card("Received most from", table(["address", "value", "transactions"], (parties.received_from as Row[]).map((c) => [addressLink(chain, c.address), formatUnits(c.value, d), c.transactions])))));
  }
  const items: Row[] = [];
  let cursor: string | null = null;
  const load = async () => {
    more.disabled = true;
    const page: { items: Row[]; next_cursor: string | null } = await api(`/chains/${chain}/addresses/${encodeURIComponent(address)}/history?limit=50${cursor ? "&cursor=" + encodeURIComponent(cursor) : ""}`);
    items.push(...page.items);
    cursor = page.next_cursor;
    historyBox.replaceChildren(table(["time (UTC)", "block", "transaction", "change", family === "ethereum" ? "kinds" : "fee"],
      items.map((x) => [x.time ?? x.timestamp, x.block_height ?? x.block_number, x.txid ?? x.transaction_hash ? txLink(chain, x.txid ?? x.transaction_hash) : "block reward",
        formatUnits(x.delta, d), family === "ethereum" ? (x.kinds ?? []).join(", ") : formatUnits(x.fee, d)]), 1000));
    more.disabled = cursor === null;
    more.textContent = cursor === null ? "All loaded" : "Load more";
    // the balance after each transaction, walking back from today's balance
    let balance = BigInt(String(a.balance ?? 0));
    const points: [string, number | null][] = [];
    for (const x of items) {
      points.push([String(x.time ?? x.timestamp), Number(balance) / 10 ** d]);
      balance -= BigInt(String(x.delta ?? 0));
    }
    drawChart(chartEl, [{ name: "balance", points: points.reverse() }], { time: true });
  };
  more.addEventListener("click", () => void load());
  await load();
}

export async function renderSearch(main: HTMLElement, route: Route): Promise<void> {
  const [, chain] = route.parts;
  const q = route.params.get("q") ?? "";
  main.append(h("h1", {}, "Search"), h("p", {}, `“${q}” on ${chain}`));
  const found = await api<{ results: { type: string; id: string }[] }>(`/chains/${chain}/search?q=${encodeURIComponent(q)}`);
  if (found.results.length === 1) {
    const r = found.results[0];
    location.replace(routeHref([r.type === "transaction" ? "tx" : r.type, chain, r.id]));
    return;
  }
  if (found.results.length === 0) {
    main.append(h("p", {}, "Nothing found: a height, a block hash, a transaction id or an address of this chain."));
    return;
  }
  main.append(h("ul", {}, found.results.map((r) => h("li", {}, link(routeHref([r.type === "transaction" ? "tx" : r.type, chain, r.id]), `${r.type} ${r.id}`)))));
}
