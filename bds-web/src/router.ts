// Hash routes: #/page/part/part?key=value. The whole state of a view is in its link, so every view can be shared.

export interface Route {
  parts: string[];
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, "");
  const [path, query = ""] = text.split("?", 2);
  return { parts: path.split("/").filter((p) => p.length > 0).map(decodeURIComponent), params: new URLSearchParams(query) };
}

export function routeHref(parts: string[], params?: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== "") query.set(k, v);
  const q = query.toString();
  return "#/" + parts.map(encodeURIComponent).join("/") + (q ? "?" + q : "");
}
