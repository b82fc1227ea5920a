// Query parameters that only track where a click came from; they never change which job a URL shows.
const TRACKING =
  /^(utm_.*|gclid|fbclid|msclkid|mc_[ce]id|ref|refid|referrer|source|src|trk|trackingid|_hs.*|campaign|cmp)$/i;

/**
 * The URL with tracking parameters, fragment, default port and trailing slash removed, host lower
 * case, parameters sorted — so two links to the same posting compare equal. Undefined for non-http URLs.
 */
export function canonicalUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
  u.hash = "";
  u.hostname = u.hostname.toLowerCase().replace(/^www\./, "");
  u.protocol = "https:";
  if (u.port === "80" || u.port === "443") u.port = "";
  const kept = [...u.searchParams.entries()].filter(([k]) => !TRACKING.test(k));
  kept.sort(([a], [b]) => a.localeCompare(b));
  u.search = new URLSearchParams(kept).toString();
  const path = u.pathname.replace(/\/+$/, "");
  u.pathname = path || "/";
  return u.toString();
}
