// The REST API (/api/v1), with the API key kept in this browser's local storage when one is set.

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const KEY = "openbds.apiKey";

export function apiKey(): string | null {
  return localStorage.getItem(KEY);
}

export function setApiKey(key: string | null): void {
  if (key) localStorage.setItem(KEY, key);
  else localStorage.removeItem(KEY);
}

export async function api<T = any>(path: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const key = apiKey();
  if (key) headers.set("Authorization", "Bearer " + key);
  if (init.body) headers.set("Content-Type", "application/json");
  const response = await fetch("api/v1" + path, { ...init, headers });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    throw new ApiError(response.status, "BAD_RESPONSE", "the server answered something that is not JSON");
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.error?.code ?? "ERROR", body?.error?.message ?? response.statusText);
  }
  return body as T;
}

export const post = <T = any>(path: string, body: unknown) => api<T>(path, { method: "POST", body: JSON.stringify(body) });
export const put = <T = any>(path: string, body: unknown) => api<T>(path, { method: "PUT", body: JSON.stringify(body) });
export const del = (path: string) => api<void>(path, { method: "DELETE" });

export interface Chain {
  chain: string;
  family: string;
  network: string;
  unit: string;
  tip_height: number | null;
  tip_hash: string | null;
  updated_at: string | null;
  node_tip_height: number | null;
  lag_blocks: number | null;
  syncing: boolean;
}

export interface QueryResult {
  columns: string[];
  types: string[];
  rows: unknown[][];
  truncated: boolean;
  truncated_by?: string;
  elapsed_ms: number;
  sql?: string;
}

export interface MetricInfo {
  id: string;
  name: string;
  unit: string;
  basis: string;
  definition: string;
  default_aggregation: string;
}

export interface Series {
  id: string;
  name: string;
  unit: string;
  interval: string;
  aggregation: string;
  series: { instance: string; points: [string, string, number?][] }[];
}

let chainsCache: Promise<Chain[]> | null = null;

export function chains(refresh = false): Promise<Chain[]> {
  if (!chainsCache || refresh) chainsCache = api<{ chains: Chain[] }>("/chains").then((r) => r.chains);
  return chainsCache;
}
