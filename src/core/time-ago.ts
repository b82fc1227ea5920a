/** How long ago something happened, in the units people are told it in (each language words it). */
export type Age =
  | { kind: "never" }
  | { kind: "now" }
  | { kind: "minutes"; n: number }
  | { kind: "hours"; n: number }
  | { kind: "date"; date: string };

/** Minutes within the hour, hours within two days, else the date; `never` without a time. */
export function ageOf(iso: string | null, now = Date.now()): Age {
  if (!iso) return { kind: "never" };
  const mins = Math.round((now - Date.parse(iso)) / 60_000);
  if (mins < 1) return { kind: "now" };
  if (mins < 60) return { kind: "minutes", n: mins };
  if (mins < 48 * 60) return { kind: "hours", n: Math.round(mins / 60) };
  return { kind: "date", date: iso.slice(0, 10) };
}

/** An age in English: "just now", "5 min ago", "3 h ago", the date, or "never". */
export function ageInEnglish(a: Age): string {
  if (a.kind === "never") return "never";
  if (a.kind === "now") return "just now";
  if (a.kind === "minutes") return `${a.n} min ago`;
  if (a.kind === "hours") return `${a.n} h ago`;
  return a.date;
}

/** {@link ageInEnglish} of a time: what the dashboard (English, for operators) and chat in English say. */
export function timeAgo(iso: string | null, now = Date.now()): string {
  return ageInEnglish(ageOf(iso, now));
}
