// The words of offline letters per language, by tone. They carry no facts: every claim in a letter
// comes from a cited CV line or the posting, quoted verbatim, so the letter passes the grounding
// check. German letters use the Sie-form and the usual frame of a German application.

export type LetterTone = "neutral" | "formal" | "warm";
export type LetterLength = "short" | "normal" | "long";

export interface LetterPhrases {
  salutation(tone: LetterTone): string;
  opening(title: string, company: string): string;
  /** What the posting asks for, in the company's words. */
  asked(requirement: string): string;
  /** A CV line answering it, verbatim. */
  answer(fact: string): string;
  /** A CV line that answers no named requirement. */
  also(fact: string): string;
  closing(tone: LetterTone): string;
  signOff(tone: LetterTone): string;
}

const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

export const LETTER_PHRASES: Record<"de" | "en", LetterPhrases> = {
  en: {
    salutation: (tone) => (tone === "warm" ? "Dear Hiring Team," : "Dear Sir or Madam,"),
    opening: (title, company) => `I am applying for the position of ${title} at ${company}.`,
    asked: (r) => sentence(`You are looking for ${r}`),
    answer: (f) => sentence(`From my experience: ${f}`),
    also: (f) => sentence(`I also bring: ${f}`),
    closing: (tone) =>
      tone === "formal"
        ? "I would welcome the opportunity to discuss my application with you in a personal interview."
        : tone === "warm"
          ? "I would love to tell you more in a conversation."
          : "I would be glad to tell you more in an interview.",
    signOff: (tone) =>
      tone === "formal" ? "Yours faithfully," : tone === "warm" ? "Best regards," : "Kind regards,",
  },
  de: {
    salutation: () => "Sehr geehrte Damen und Herren,",
    opening: (title, company) => `hiermit bewerbe ich mich um die Stelle als ${title} bei ${company}.`,
    asked: (r) => sentence(`Sie suchen: ${r}`),
    answer: (f) => sentence(`Aus meinem Lebenslauf: ${f}`),
    also: (f) => sentence(`Außerdem bringe ich laut meinem Lebenslauf mit: ${f}`),
    closing: (tone) =>
      tone === "formal"
        ? "Über die Gelegenheit, mich Ihnen in einem persönlichen Gespräch vorzustellen, freue ich mich sehr."
        : tone === "warm"
          ? "Ich freue mich darauf, Sie in einem Gespräch kennenzulernen."
          : "Über eine Einladung zu einem Vorstellungsgespräch freue ich mich.",
    signOff: () => "Mit freundlichen Grüßen",
  },
};

/** How many facts a letter of each length uses. */
export const FACTS_PER_LENGTH: Record<LetterLength, number> = { short: 2, normal: 4, long: 6 };
