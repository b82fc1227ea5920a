/** "just now", "5 min ago", "3 h ago", else the date; "never" without a time. Chat and dashboard say it alike. */
export function timeAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return "never";
  const mins = Math.round((now - Date.parse(iso)) / 60_000);
  if (mins < 1) return "just now";
  if (mins < 60) return `${mins} min ago`;
  if (mins < 48 * 60) return `${Math.round(mins / 60)} h ago`;
  return iso.slice(0, 10);
}
