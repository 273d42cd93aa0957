import { describe, expect, it } from "vitest";
import { parseRoute, routeHref } from "./router";

describe("routes", () => {
  it("round-trip parts and parameters", () => {
    const href = routeHref(["address", "btc", "bc1q x/y"], { cursor: "abc", empty: "" });
    expect(href).toBe("#/address/btc/bc1q%20x%2Fy?cursor=abc");
    const r = parseRoute(href);
    expect(r.parts).toEqual(["address", "btc", "bc1q x/y"]);
    expect(r.params.get("cursor")).toBe("abc");
    expect(parseRoute("").parts).toEqual([]);
  });
});
