import "./style.css";
import { apiKey, chains, setApiKey } from "./api";
import { clear, h } from "./dom";
import { parseRoute, routeHref } from "./router";
import { renderOverview } from "./pages/overview";
import { renderMetrics } from "./pages/metrics";
import { renderAddress, renderBlock, renderSearch, renderTransaction } from "./pages/explorer";
import { renderSql } from "./pages/sql";
import { renderBuilder } from "./pages/builder";
import { renderDashboards } from "./pages/dashboards";
import { renderCases } from "./pages/cases";
import { showError } from "./pages/common";
import { renderLedgers } from "./pages/xrp";

const NAV: [string, string][] = [
  ["", "Overview"],
  ["metrics", "Metrics"],
  ["sql", "SQL"],
  ["builder", "Query builder"],
  ["dashboards", "Dashboards"],
  ["cases", "Cases"],
];

const app = document.getElementById("app")!;
const nav = h("nav", { class: "nav" });
const main = h("main", { id: "main" });
const searchChain = h("select", { "aria-label": "chain to search", id: "search-chain" });
const searchBox = h("input", { type: "search", placeholder: "Height, hash, txid or address", "aria-label": "search", id: "search" });

function header(): HTMLElement {
  const form = h(
    "form",
    {
      class: "search",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const q = searchBox.value.trim();
        if (q) location.hash = routeHref(["search", searchChain.value], { q });
      },
    },
    searchChain,
    searchBox,
  );
  const keyButton = h("button", {
    type: "button",
    class: "link",
    title: "API key for this browser",
    onclick: () => {
      const key = prompt("API key (empty to remove):", apiKey() ?? "");
      if (key !== null) {
        setApiKey(key.trim() || null);
        route();
      }
    },
  }, "Key");
  return h("header", { class: "top" }, h("a", { href: "#/", class: "brand" }, "OpenBDS"), nav, form, keyButton);
}

async function route(): Promise<void> {
  const r = parseRoute(location.hash);
  const page = r.parts[0] ?? "";
  clear(nav);
  for (const [path, label] of NAV) {
    nav.append(h("a", { href: "#/" + path, class: page === path || (path === "" && page === "") ? "active" : "" }, label));
  }
  clear(main);
  try {
    switch (page) {
      case "":
        await renderOverview(main);
        break;
      case "metrics":
        await renderMetrics(main, r);
        break;
      case "block":
        await renderBlock(main, r);
        break;
      case "tx":
        await renderTransaction(main, r);
        break;
      case "address":
        await renderAddress(main, r);
        break;
      case "ledgers":
        await renderLedgers(main, r);
        break;
      case "search":
        await renderSearch(main, r);
        break;
      case "sql":
        await renderSql(main, r);
        break;
      case "builder":
        await renderBuilder(main, r);
        break;
      case "dashboards":
        await renderDashboards(main, r);
        break;
      case "cases":
        await renderCases(main, r);
        break;
      default:
        main.append(h("h1", {}, "Not found"), h("p", {}, "No page here. ", h("a", { href: "#/" }, "Back to the overview")));
    }
  } catch (e) {
    showError(main, e);
  }
}

async function start(): Promise<void> {
  app.append(header(), main);
  try {
    for (const c of await chains()) searchChain.append(h("option", { value: c.chain }, c.chain));
  } catch {
    // the page shows the error itself (e.g. a key is needed)
  }
  window.addEventListener("hashchange", () => void route());
  await route();
}

void start();
