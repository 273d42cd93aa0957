import { api, Chain, chains, MetricInfo, Series } from "../api";
import { drawChart } from "../chart";
import { h, link } from "../dom";
import { decimalsOf, formatDrops, formatNumber, formatUnits, shortHash, toChartNumber } from "../format";
import { routeHref } from "../router";
import { card, table } from "./common";

/** Headline metrics, the first of each row found in the chain's catalog. */
const HEADLINES = [["TxCnt"], ["AdrActCnt"], ["FeeTotNtv"], ["SplyCur"], ["BlkCnt"]];

export async function renderOverview(main: HTMLElement): Promise<void> {
  main.append(h("h1", {}, "Overview"));
  const list = await chains(true);
  if (list.length === 0) {
    main.append(h("p", {}, "The warehouse holds no chain yet: run bds import, bds sync or bds demo."));
    return;
  }
  for (const c of list) {
    await chainSection(main, c);
  }
}

/**
 * Appends the chain's section to `into` first, then fills it: a sparkline is drawn on the next frame and takes the
 * size its element has then, which a section still outside the page does not have.
 */
async function chainSection(into: HTMLElement, c: Chain): Promise<void> {
  const section = h("section", { class: "chain", "data-chain": c.chain });
  into.append(section);
  const status = c.syncing
    ? c.lag_blocks === 0 ? "following the node's tip" : `syncing: ${formatNumber(c.lag_blocks)} blocks behind the node`
    : "not syncing in this process";
  section.append(
    h("h2", {}, `${c.chain.toUpperCase()} `, h("span", { class: "muted" }, `${c.family} · ${c.network}`)),
    h("p", { class: "status" },
      "Tip ", link(routeHref(["block", c.chain, String(c.tip_height ?? "")]), formatNumber(c.tip_height)),
      " · ", c.tip_hash ? shortHash(c.tip_hash) : "–", " · updated ", c.updated_at ?? "–", " · ", status),
  );
  const kpis = h("div", { class: "kpis" });
  section.append(kpis);
  const catalog = await api<{ metrics: MetricInfo[] }>(`/chains/${c.chain}/metrics`);
  const known = new Map(catalog.metrics.map((m) => [m.id, m]));
  for (const candidates of HEADLINES) {
    const id = candidates.find((m) => known.has(m));
    if (!id) continue;
    kpis.append(await kpi(c, known.get(id)!));
  }
  const blocks = await api<{ items: Record<string, unknown>[] }>(`/chains/${c.chain}/blocks?limit=10`);
  if (c.family === "xrp") {
    section.append(card("Latest ledgers",
      table(["ledger", "hash", "closed (UTC)", "transactions", "succeeded", "fees burnt (XRP)"],
        blocks.items.map((b) => [link(routeHref(["block", c.chain, String(b.height)]), formatNumber(b.height)),
          link(routeHref(["block", c.chain, String(b.hash)]), shortHash(String(b.hash))), String(b.time), b.tx_count, b.succeeded_count,
          formatDrops(b.fees_burnt as number)])),
      h("p", {}, link(routeHref(["ledgers", c.chain]), "All ledgers ›"))));
    return;
  }
  const decimals = decimalsOf(c.family);
  section.append(
    card(
      "Latest blocks",
      table(
        ["height", "hash", "time (UTC)", "transactions", "size", "fee"],
        blocks.items.map((b) => [
          link(routeHref(["block", c.chain, String(b.height)]), formatNumber(b.height)),
          link(routeHref(["block", c.chain, String(b.hash)]), shortHash(String(b.hash))),
          String(b.time),
          b.tx_count,
          b.size,
          b.fee !== undefined ? formatUnits(b.fee as string, decimals) : b.burnt_fees !== undefined ? formatUnits(b.burnt_fees as string, decimals) : "–",
        ]),
      ),
    ),
  );
}

async function kpi(c: Chain, m: MetricInfo): Promise<HTMLElement> {
  const s = await api<Series>(`/chains/${c.chain}/metrics/${m.id}`);
  const points = s.series[0]?.points ?? [];
  const last = points[points.length - 1];
  const spark = h("div", { class: "chart spark" });
  const box = h("a", { class: "kpi", href: routeHref(["metrics"], { chain: c.chain, m: m.id }), title: m.definition },
    h("div", { class: "kpi-name" }, m.name),
    h("div", { class: "kpi-value" }, last ? formatNumber(trim(last[1])) : "–"),
    h("div", { class: "kpi-unit muted" }, `${m.unit}${last ? " · " + last[0] : ""}`),
    spark);
  requestAnimationFrame(() => drawChart(spark, [{ name: m.id, points: points.slice(-30).map((p) => [p[0], toChartNumber(p[1])]) }], { compact: true, time: true }));
  return box;
}

function trim(value: string): string {
  return value.includes(".") ? value.replace(/\.?0+$/, "") : value;
}
