// How a card says what a job pays, in the words of one language.
import type { CardSalary } from "../../core/job-card.js";

/** Words a salary is told with in one language. */
export interface SalaryWords {
  locale: string;
  upTo: string;
  from: string;
  period: Record<CardSalary["period"], string>;
}

/**
 * A salary in a language's words: thousands as "45k", smaller amounts as written ("18.5", "18,5"),
 * one end with "up to"/"from", a range whose ends round alike as one amount.
 */
export function salaryText(s: CardSalary, w: SalaryWords): string {
  const amount = (n: number) => (n >= 1000 ? `${Math.round(n / 1000)}k` : n.toLocaleString(w.locale));
  const unit = `${s.currency}/${w.period[s.period]}`;
  if (s.min !== undefined && s.max !== undefined) {
    const [lo, hi] = [amount(s.min), amount(s.max)];
    return `${lo === hi ? lo : `${lo}–${hi}`} ${unit}`;
  }
  return s.max !== undefined
    ? `${w.upTo} ${amount(s.max)} ${unit}`
    : `${w.from} ${amount(s.min ?? 0)} ${unit}`;
}
