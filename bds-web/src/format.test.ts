import { describe, expect, it } from "vitest";
import { formatNumber, formatUnits, shortHash, toCsv } from "./format";

describe("formatUnits", () => {
  it("keeps every digit of wei amounts beyond 2^53", () => {
    expect(formatUnits("123456789012345678901234567", 18)).toBe("123,456,789.012345678901234567");
    expect(formatUnits("1", 18)).toBe("0.000000000000000001");
    expect(formatUnits(5000000000, 8)).toBe("50");
    expect(formatUnits("-250000000", 8)).toBe("-2.5");
    expect(formatUnits(null, 8)).toBe("–");
  });
});

describe("formatNumber and shortHash", () => {
  it("groups integers and shortens hashes", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber("-98765432109876543210")).toBe("-98,765,432,109,876,543,210");
    expect(formatNumber("1.50")).toBe("1.50");
    expect(shortHash("a".repeat(64))).toBe("aaaaaaaaaa…aaaaaa");
  });
});

describe("toCsv", () => {
  it("quotes what needs quoting", () => {
    expect(toCsv(["a", "b"], [[1, 'x,"y"'], [null, "line\nbreak"]])).toBe('a,b\r\n1,"x,""y"""\r\n,"line\nbreak"\r\n');
  });
});
