// The explorer's pages for the XRP Ledger: ledgers, a ledger, a transaction with what it changed, an account.
// XRP is shown from integer drops with exactly six decimals; issued-currency values exactly as the API gives them.
import { api } from "../api";
import { h, link } from "../dom";
import { currencyName, formatDrops, formatNumber, formatXrplAmount, shortHash } from "../format";
import { Route, routeHref } from "../router";
import { card, keyValues, table } from "./common";

type Row = Record<string, any>;
interface PageOf<T> {
  items: T[];
  next_cursor: string | null;
}

const ledgerLink = (chain: string, index: unknown) => link(routeHref(["block", chain, String(index)]), formatNumber(index));
const txLink = (chain: string, hash: string) => link(routeHref(["tx", chain, hash]), shortHash(hash));
const accountLink = (chain: string, a: string | null | undefined) => (a ? link(routeHref(["address", chain, a]), a, "mono") : "–");
const issuer = (chain: string, i: string | null | undefined) => (i ? accountLink(chain, i) : "–");

/**
 * A list that loads page by page with the API's cursor: `fetchPage(cursor)` gives a page, `draw(items)` the table of
 * everything loaded so far. The button (id `moreId`) says "All loaded" on the last page.
 */
async function pagedList(box: HTMLElement, moreId: string, fetchPage: (cursor: string | null) => Promise<PageOf<Row>>, draw: (items: Row[]) => HTMLElement): Promise<void> {
  const items: Row[] = [];
  let cursor: string | null = null;
  const tableBox = h("div");
  const more = h("button", { type: "button", id: moreId }, "Load more");
  box.append(tableBox, more);
  const load = async () => {
    more.disabled = true;
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next_cursor;
    tableBox.replaceChildren(draw(items));
    more.disabled = cursor === null;
    more.textContent = cursor === null ? "All loaded" : "Load more";
  };
  more.addEventListener("click", () => void load());
  await load();
}

const cursorParam = (cursor: string | null) => (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");

function transactionRows(chain: string, items: Row[]): unknown[][] {
  return items.map((t) => [
    t.position,
    txLink(chain, t.hash),
    t.type,
    accountLink(chain, t.account),
    accountLink(chain, t.destination),
    exact(t.delivered_currency ? formatXrplAmount(t.delivered_currency, t.delivered_drops, t.delivered_value) : "–"),
    formatDrops(t.fee),
    t.result,
  ]);
}

/** #/ledgers/<chain>: the latest ledgers, newest first. */
export async function renderLedgers(main: HTMLElement, route: Route): Promise<void> {
  const [, chain] = route.parts;
  const c = await api<Row>(`/chains/${chain}`);
  main.append(h("h1", {}, `${chain.toUpperCase()} ledgers`));
  const s = c.summary ?? {};
  main.append(keyValues([
    ["stored ledgers", s.first_ledger !== undefined ? `${formatNumber(s.first_ledger)} – ${formatNumber(s.last_ledger)}` : "–"],
    ["last closed (UTC)", s.last_close_time],
    ["XRP in existence", s.total_coins !== undefined ? formatDrops(s.total_coins) + " XRP" : "–"],
    ["fees burnt in the stored ledgers", s.fees_burnt !== undefined ? formatDrops(s.fees_burnt) + " XRP" : "–"],
  ]));
  const box = card("Latest ledgers");
  main.append(box);
  await pagedList(box, "more-ledgers", (cursor) => api(`/chains/${chain}/blocks?limit=25${cursorParam(cursor)}`), (items) =>
    table(["ledger", "hash", "closed (UTC)", "transactions", "succeeded", "fees burnt (XRP)", "XRP in existence"],
      items.map((l) => [ledgerLink(chain, l.height), link(routeHref(["block", chain, String(l.hash)]), shortHash(String(l.hash))), l.time, l.tx_count,
        l.succeeded_count, formatDrops(l.fees_burnt), formatDrops(l.total_coins)]), 1000));
}

/** #/block/<chain>/<index or hash> on an XRP Ledger chain. */
export async function renderLedger(main: HTMLElement, chain: string, id: string): Promise<void> {
  const l = await api<Row>(`/chains/${chain}/blocks/${encodeURIComponent(id)}?transactions=100`);
  const index = Number(l.ledger_index);
  main.append(
    h("h1", {}, `${chain.toUpperCase()} ledger ${formatNumber(l.ledger_index)}`),
    h("p", { class: "nav-row" },
      link(routeHref(["block", chain, String(index - 1)]), "‹ previous"), " ", link(routeHref(["block", chain, String(index + 1)]), "next ›"),
      " · ", link(routeHref(["ledgers", chain]), "all ledgers")),
    keyValues([["hash", l.ledger_hash], ["parent", link(routeHref(["block", chain, String(l.parent_hash)]), String(l.parent_hash))],
      ["closed (UTC)", l.close_time], ["close time resolution (s)", l.close_time_resolution], ["transactions", l.tx_count],
      ["succeeded", l.succeeded_count], ["fees burnt", formatDrops(l.fees_burnt) + " XRP"], ["XRP in existence", formatDrops(l.total_coins) + " XRP"],
      ["transaction tree", l.transaction_hash], ["state tree", l.account_hash]]),
  );
  const box = card("Transactions");
  main.append(box);
  let first = true;
  await pagedList(box, "more-transactions", async (cursor) => {
    if (first) {
      first = false;
      return { items: l.transactions, next_cursor: l.transactions_next_cursor };
    }
    return api(`/chains/${chain}/blocks/${l.ledger_index}/transactions?limit=100${cursorParam(cursor)}`);
  }, (items) => table(["#", "hash", "type", "account", "destination", "delivered", "fee (XRP)", "result"], transactionRows(chain, items), 1000));
}

/** #/tx/<chain>/<hash> on an XRP Ledger chain: the transaction, its detail row, and every balance, offer and line it changed. */
export async function renderXrpTransaction(main: HTMLElement, chain: string, id: string): Promise<void> {
  const t = await api<Row>(`/chains/${chain}/transactions/${encodeURIComponent(id)}`);
  main.append(
    h("h1", {}, `${chain.toUpperCase()} transaction`),
    h("p", { class: "mono" }, t.hash),
    keyValues([["ledger", ledgerLink(chain, t.ledger_index)], ["position", t.position], ["closed (UTC)", t.close_time], ["type", t.type],
      ["result", `${t.result}${t.succeeded ? "" : " (failed: only the fee was charged)"}`], ["account", accountLink(chain, t.account)],
      ["destination", accountLink(chain, t.destination)], ["destination tag", t.destination_tag], ["delivered",
        t.delivered_currency ? formatXrplAmount(t.delivered_currency, t.delivered_drops, t.delivered_value) : t.delivered_unavailable ? "unavailable" : "–"],
      ["fee", formatDrops(t.fee) + " XRP"], ["sequence", t.sequence], ["memos", t.memo_count]]),
  );
  const changes = t.balance_changes as Row[];
  main.append(card("Balance changes", table(["account", "kind", "currency", "issuer / counterparty", "change"],
    changes.map((b) => [accountLink(chain, b.account), b.kind, currencyName(b.currency), issuer(chain, b.issuer),
      exact(b.currency === "XRP" ? formatDrops(b.drops) : b.value)]), 1000)));
  if (t.detail) {
    const row = t.detail.row as Row;
    main.append(card(`Details (${t.detail.table})`, keyValues(detailFacts(chain, row))));
  }
  if ((t.offer_changes as Row[]).length > 0) {
    main.append(card("Offer changes", table(["offer", "change", "owner", "gets", "pays", "gets before", "pays before"],
      (t.offer_changes as Row[]).map((o) => [shortHash(o.offer_id), o.change, accountLink(chain, o.owner),
        exact(formatXrplAmount(o.gets_currency, o.gets_drops, o.gets_value)), exact(formatXrplAmount(o.pays_currency, o.pays_drops, o.pays_value)),
        exact(formatXrplAmount(o.gets_before_currency, o.gets_before_drops, o.gets_before_value)),
        exact(formatXrplAmount(o.pays_before_currency, o.pays_before_drops, o.pays_before_value))]), 1000)));
  }
  if ((t.trust_line_changes as Row[]).length > 0) {
    main.append(card("Trust-line changes", table(["change", "low account", "high account", "currency", "balance", "before", "low limit", "high limit"],
      (t.trust_line_changes as Row[]).map((x) => [x.change, accountLink(chain, x.low_account), accountLink(chain, x.high_account), currencyName(x.currency),
        exact(x.balance), exact(x.balance_before), exact(x.low_limit), exact(x.high_limit)]), 1000)));
  }
  if ((t.account_events as Row[]).length > 0) {
    main.append(card("Accounts created or deleted", table(["account", "change", "balance (XRP)"],
      (t.account_events as Row[]).map((e) => [accountLink(chain, e.account), e.change, formatDrops(e.balance)]))));
  }
  if (Array.isArray(t.memos) && t.memos.length > 0) {
    main.append(card("Memos", table(["type", "format", "data"], (t.memos as Row[]).map((m) => [m.type ?? "–", m.format ?? "–", m.data ?? "–"]))));
  }
  main.append(h("details", { class: "card", id: "raw-json" }, h("summary", {}, "Raw JSON"), h("pre", {}, JSON.stringify(t.raw_json, null, 2))));
}

/**
 * A detail-table row as facts: each amount (its _currency, _issuer, _drops and _value columns) as one amount and its
 * issuer, accounts as links, flags as yes or no.
 */
function detailFacts(chain: string, row: Row): [string, Node | string | number | null | undefined][] {
  const amounts = new Set(Object.keys(row).filter((k) => k.endsWith("_currency")).map((k) => k.slice(0, -"_currency".length)));
  const facts: [string, Node | string | number | null | undefined][] = [];
  for (const [key, value] of Object.entries(row)) {
    const base = key.replace(/_(currency|issuer|drops|value)$/, "");
    if (amounts.has(base) && key !== base + "_currency") {
      if (key === base + "_issuer" && value) facts.push([key, accountLink(chain, value as string)]);
      continue;
    }
    if (amounts.has(base)) facts.push([base, value === null ? "–" : exact(formatXrplAmount(value as string, row[base + "_drops"], row[base + "_value"]))]);
    else if (typeof value === "string" && /^r[1-9A-HJ-NP-Za-km-z]{24,34}$/.test(value)) facts.push([key, accountLink(chain, value)]);
    else if (typeof value === "boolean") facts.push([key, value ? "yes" : "no"]);
    else if (Array.isArray(value)) facts.push([key, value.join(", ")]);
    else facts.push([key, value as string | number | null]);
  }
  return facts;
}

/** Text shown exactly as given (a table would group the digits of an integer-looking string). */
const exact = (text: unknown) => h("span", {}, String(text ?? "–"));

/** #/address/<chain>/<r-address> on an XRP Ledger chain. */
export async function renderAccount(main: HTMLElement, chain: string, account: string): Promise<void> {
  const a = await api<Row>(`/chains/${chain}/addresses/${encodeURIComponent(account)}`);
  main.append(
    h("h1", {}, `${chain.toUpperCase()} account`),
    h("p", { class: "mono" }, account),
    h("p", { class: "muted" }, "Totals over the ledgers the warehouse holds."),
    keyValues([["transactions", a.transactions], ["sent", a.sent], ["received", a.received], ["XRP balance change", formatDrops(a.xrp_change) + " XRP"],
      ["fees paid", formatDrops(a.fees) + " XRP"], ["held in escrow (change)", formatDrops(a.escrow_change) + " XRP"],
      ["held in payment channels (change)", formatDrops(a.paychan_change) + " XRP"],
      ["first seen", h("span", {}, String(a.first_seen), " (ledger ", ledgerLink(chain, a.first_ledger), ")")],
      ["last seen", h("span", {}, String(a.last_seen), " (ledger ", ledgerLink(chain, a.last_ledger), ")")]]),
  );
  main.append(card("Issued currencies", table(["currency", "issuer / counterparty", "balance change", "changes"],
    (a.issued as Row[]).map((i) => [currencyName(i.currency), issuer(chain, i.issuer), exact(i.change), i.changes]), 1000)));
  if ((a.events as Row[]).length > 0) {
    main.append(card("Created or deleted", table(["ledger", "closed (UTC)", "change", "balance (XRP)", "transaction"],
      (a.events as Row[]).map((e) => [ledgerLink(chain, e.ledger_index), e.close_time, e.change, formatDrops(e.balance), txLink(chain, e.hash)]))));
  }
  const box = card("Transactions");
  main.append(box);
  await pagedList(box, "more-history", (cursor) => api(`/chains/${chain}/addresses/${encodeURIComponent(account)}/history?limit=50${cursorParam(cursor)}`),
    (items) => table(["ledger", "closed (UTC)", "transaction", "type", "direction", "counterparty", "XRP change", "result"],
      items.map((t) => [ledgerLink(chain, t.ledger_index), t.close_time, txLink(chain, t.hash), t.type, t.direction,
        accountLink(chain, t.direction === "sent" ? t.destination : t.account), formatDrops(t.xrp_change), t.result]), 1000));
  const parties = (await api<{ counterparties: Row[] }>(`/chains/${chain}/addresses/${encodeURIComponent(account)}/counterparties`)).counterparties;
  main.append(card("Dealt with most", table(["account", "transactions"], parties.map((c) => [accountLink(chain, c.counterparty), c.transactions]))));
}
