import { describe, expect, it } from "vitest";
import { currencyName, formatDrops, formatNumber, formatUnits, formatXrplAmount, shortHash, toCsv } from "./format";

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

describe("formatDrops and formatXrplAmount", () => {
  it("shows XRP with exactly six decimals from the integer drops", () => {
    expect(formatDrops(1)).toBe("0.000001");
    expect(formatDrops("12000000")).toBe("12.000000");
    expect(formatDrops("-15")).toBe("-0.000015");
    expect(formatDrops(0)).toBe("0.000000");
    expect(formatDrops("-0")).toBe("0.000000");
    expect(formatDrops("99999999999999999")).toBe("99,999,999,999.999999");
    expect(formatDrops("9007199254740993")).toBe("9,007,199,254.740993");
    expect(formatDrops(null)).toBe("–");
  });
  it("shows issued values exactly as given, with their currency", () => {
    expect(formatXrplAmount("XRP", 2500000, null)).toBe("2.500000 XRP");
    expect(formatXrplAmount("USD", null, "0.0000000000000000012345678901234567")).toBe("0.0000000000000000012345678901234567 USD");
    expect(formatXrplAmount("USD", null, "-1234567890123456e60")).toBe("-1234567890123456e60 USD");
    expect(currencyName("534F4C4F00000000000000000000000000000000")).toBe("SOLO");
    expect(currencyName("0000000000000000000000005553440000000000")).toBe("USD");
    expect(currencyName("01FF000000000000000000000000000000000000")).toBe("01FF000000000000000000000000000000000000");
  });
});
