// Pure formatting helpers (unit-tested): exact amounts from digit strings, short hashes, CSV.

/** Decimals of a chain family's base unit: satoshi-like units have 8, wei 18, XRP drops 6. */
export function decimalsOf(family: string): number {
  return family === "ethereum" ? 18 : family === "xrp" ? 6 : 8;
}

/** An exact integer amount in base units (number or digit string) as a decimal string in whole coins. */
export function formatUnits(value: string | number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || value === "") return "–";
  const text = String(value);
  if (!/^-?\d+$/.test(text)) return text;
  const negative = text.startsWith("-");
  const digits = (negative ? text.slice(1) : text).padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return (negative ? "-" : "") + groupThousands(whole) + (fraction ? "." + fraction : "");
}

/**
 * XRP drops (an integer, as a number or digit string) as XRP with exactly six decimals, from the digits alone:
 * 1 drop is 0.000001, -12000000 is -12.000000.
 */
export function formatDrops(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === "") return "–";
  const text = String(value);
  if (!/^-?\d+$/.test(text)) return text;
  const negative = text.startsWith("-") && /[1-9]/.test(text);
  const digits = text.replace("-", "").padStart(7, "0");
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, "");
  return (negative ? "-" : "") + groupThousands(whole) + "." + digits.slice(-6);
}

/**
 * An amount as the XRP Ledger's tables hold it: drops for XRP (shown as XRP with six decimals), else an issued
 * currency's exact decimal text, shown as given, with its currency code.
 */
export function formatXrplAmount(currency: string | null | undefined, drops: unknown, value: unknown): string {
  if (currency === null || currency === undefined) return "–";
  if (currency === "XRP") return formatDrops(drops as string | number | null) + " XRP";
  return `${value ?? "–"} ${currencyName(currency)}`;
}

/** A currency code: a three-letter code as is, a 40-hex-digit code as its text when it is printable ASCII. */
export function currencyName(code: string): string {
  if (!/^[0-9A-Fa-f]{40}$/.test(code)) return code;
  let text = "";
  for (let i = 0; i < 40; i += 2) {
    const c = parseInt(code.slice(i, i + 2), 16);
    if (c === 0) continue;
    if (c < 0x20 || c > 0x7e) return code;
    text += String.fromCharCode(c);
  }
  return text.length > 0 ? text : code;
}

export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** A number or digit string for a table cell: integers grouped, decimals kept as given. */
export function formatNumber(value: unknown): string {
  if (value === null || value === undefined) return "–";
  if (typeof value === "number") return Number.isInteger(value) ? groupThousands(String(value)) : String(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return (value.startsWith("-") ? "-" : "") + groupThousands(value.replace("-", ""));
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function shortHash(hash: string, keep = 10): string {
  return hash.length <= keep * 2 + 1 ? hash : hash.slice(0, keep) + "…" + hash.slice(-6);
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled. */
export function toCsv(columns: string[], rows: unknown[][]): string {
  const cell = (v: unknown): string => {
    if (v === null || v === undefined) return "";
    const s = typeof v === "object" ? JSON.stringify(v) : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [columns.map(cell).join(","), ...rows.map((r) => r.map(cell).join(","))].join("\r\n") + "\r\n";
}

/** A metric value (exact decimal string) as a number for charts; exactness stays in tables and downloads. */
export function toChartNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
