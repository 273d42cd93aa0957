import { describe, expect, it } from "vitest";
import { emptyState, filterValue, toRequest } from "./query";

describe("builder requests", () => {
  it("turn slots into the condition query the API takes", () => {
    const s = emptyState("ltc", "transactions");
    s.filters.push({ column: "fee", op: ">", value: "1000" }, { column: "time", op: "between", value: "2026-10-01 .. 2026-11-01" });
    s.groups.push({ column: "time", bucket: "day" });
    s.aggregates.push({ fn: "sum", column: "output_value" }, { fn: "count", column: "" });
    s.sort = { column: "time_day", direction: "asc" };
    expect(toRequest(s)).toEqual({
      chain: "ltc",
      table: "transactions",
      limit: 1000,
      run: true,
      filter: { and: [{ column: "fee", op: ">", value: 1000 }, { column: "time", op: "between", value: ["2026-10-01", "2026-11-01"] }] },
      group_by: [{ column: "time", bucket: "day" }],
      aggregates: [{ fn: "sum", column: "output_value", as: "sum_output_value" }, { fn: "count", as: "count" }],
      order_by: [{ column: "time_day", direction: "asc" }],
    });
  });

  it("types values: lists, booleans, big numbers stay text", () => {
    expect(filterValue("in", "1, 2,x")).toEqual([1, 2, "x"]);
    expect(filterValue("=", "true")).toBe(true);
    expect(filterValue("=", "123456789012345678901")).toBe("123456789012345678901");
    expect(filterValue("is_null", "anything")).toBeUndefined();
  });
});
