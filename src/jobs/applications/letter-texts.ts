// What people are told about their letters, per language (German in the Sie-form).

export interface LetterTexts {
  noProfile: string;
  noLetter: string;
  noFacts(title: string): string;
  closed(title: string): string;
  emptyEdit: string;
  blocked(n: number): string;
  changed: string;
  unsupportedLabel: string;
  heading(title: string, company: string): string;
  allSupported: string;
  someUnsupported(n: number): string;
  approved(anyway: boolean): string;
  focusMissing: string;
  howToAct: string;
  /** The configured model's quota is used up: the template letter stands in. */
  modelQuota: string;
  /** The configured model failed after its retries: the template letter stands in. */
  modelFailed: string;
  /** Several letters at once: one line above them. */
  manyHeading(n: number): string;
  /** A job of several that got no letter, and why. */
  skipped(n: number, why: string): string;
  /** "The top 3" asked with no result list in the conversation. */
  noList: string;
}

const EN: LetterTexts = {
  noProfile:
    "I have no profile for you yet: send me your CV (PDF, DOCX or text) first, then ask for the letter again.",
  noLetter: "You have no letter yet: ask me to “draft a letter for job 2” after a search.",
  noFacts: (title) =>
    `I found nothing in your CV that I could quote for “${title}”: add your experience to the CV and send it again.`,
  closed: (title) =>
    `“${title}” is closed: the posting is no longer listed, so I won't write a letter for it.`,
  emptyEdit: "The edited letter is empty: send the whole text you want, after “edit letter:”.",
  blocked: (n) =>
    `${n === 1 ? "One sentence is" : `${n} sentences are`} not backed by your CV or the posting (marked ⚠️). Edit the letter, or say “approve anyway” if it is true.`,
  changed: "The letter changed since you saw it: look at the new text and approve again.",
  unsupportedLabel: "not in your CV or the posting",
  heading: (title, company) => `Draft cover letter for ${title} at ${company}:`,
  allSupported: "Every statement is backed by your CV or the posting.",
  someUnsupported: (n) =>
    `⚠️ ${n === 1 ? "One sentence is" : `${n} sentences are`} not backed by your CV or the posting: edit ${n === 1 ? "it" : "them"}, or approve explicitly if true. Until then it cannot be exported or sent.`,
  approved: (anyway) =>
    anyway
      ? "Approved, including the sentences you confirmed. It can now be exported or sent."
      : "Approved. It can now be exported or sent.",
  focusMissing: "(I found nothing about that in your CV, so the letter does not mention it.)",
  howToAct: "Say “approve”, “edit letter: <your text>”, or “regenerate” (e.g. “shorter”, “more formal”).",
  modelQuota:
    "The language model's quota is used up, so I wrote this letter from my templates instead; the operator can add credit or change OPENAI_API_KEY.",
  modelFailed: "The language model did not answer, so I wrote this letter from my templates instead.",
  manyHeading: (n) =>
    `${n === 1 ? "One draft" : `${n} drafts`}, each waiting for your approval (use the buttons under each letter, or say “approve” for the last one):`,
  skipped: (n, why) => `No letter for job ${n}: ${why}`,
  noList:
    "I have no list of jobs to take the top ones from: search first (e.g. “python jobs in Frankfurt”), then ask again.",
};

const DE: LetterTexts = {
  noProfile:
    "Ich habe noch kein Profil von Ihnen: Schicken Sie mir zuerst Ihren Lebenslauf (PDF, DOCX oder Text), dann fragen Sie erneut nach dem Anschreiben.",
  noLetter:
    "Sie haben noch kein Anschreiben: Bitten Sie mich nach einer Suche z. B. „schreib ein Anschreiben für Stelle 2“.",
  noFacts: (title) =>
    `In Ihrem Lebenslauf habe ich nichts gefunden, das ich für „${title}“ zitieren könnte: Ergänzen Sie Ihre Erfahrung im Lebenslauf und schicken Sie ihn erneut.`,
  closed: (title) =>
    `„${title}“ ist geschlossen: Die Anzeige ist nicht mehr gelistet, daher schreibe ich dafür kein Anschreiben.`,
  emptyEdit:
    "Das geänderte Anschreiben ist leer: Schicken Sie den ganzen gewünschten Text nach „Anschreiben ändern:“.",
  blocked: (n) =>
    `${n === 1 ? "Ein Satz ist" : `${n} Sätze sind`} nicht durch Ihren Lebenslauf oder die Anzeige belegt (mit ⚠️ markiert). Ändern Sie das Anschreiben, oder sagen Sie „trotzdem freigeben“, wenn es stimmt.`,
  changed:
    "Das Anschreiben hat sich geändert, seit Sie es gesehen haben: Prüfen Sie den neuen Text und geben Sie ihn erneut frei.",
  unsupportedLabel: "nicht in Ihrem Lebenslauf oder der Anzeige",
  heading: (title, company) => `Entwurf Ihres Anschreibens für ${title} bei ${company}:`,
  allSupported: "Jede Aussage ist durch Ihren Lebenslauf oder die Anzeige belegt.",
  someUnsupported: (n) =>
    `⚠️ ${n === 1 ? "Ein Satz ist" : `${n} Sätze sind`} nicht durch Ihren Lebenslauf oder die Anzeige belegt: Ändern Sie ${n === 1 ? "ihn" : "sie"}, oder geben Sie ausdrücklich frei, wenn es stimmt. Bis dahin kann es weder exportiert noch versendet werden.`,
  approved: (anyway) =>
    anyway
      ? "Freigegeben, einschließlich der von Ihnen bestätigten Sätze. Es kann jetzt exportiert oder versendet werden."
      : "Freigegeben. Es kann jetzt exportiert oder versendet werden.",
  focusMissing:
    "(Dazu habe ich in Ihrem Lebenslauf nichts gefunden, daher erwähnt das Anschreiben es nicht.)",
  howToAct:
    "Sagen Sie „freigeben“, „Anschreiben ändern: <Ihr Text>“ oder „neu schreiben“ (z. B. „kürzer“, „förmlicher“).",
  modelQuota:
    "Das Kontingent des Sprachmodells ist aufgebraucht, daher habe ich dieses Anschreiben aus meinen Vorlagen geschrieben; der Betreiber kann Guthaben aufladen oder OPENAI_API_KEY ändern.",
  modelFailed:
    "Das Sprachmodell hat nicht geantwortet, daher habe ich dieses Anschreiben aus meinen Vorlagen geschrieben.",
  manyHeading: (n) =>
    `${n === 1 ? "Ein Entwurf" : `${n} Entwürfe`}, jeder wartet auf Ihre Freigabe (Knöpfe unter jedem Anschreiben, oder „freigeben“ für das letzte):`,
  skipped: (n, why) => `Kein Anschreiben für Stelle ${n}: ${why}`,
  noList:
    "Ich habe keine Stellenliste, aus der ich die besten nehmen könnte: Suchen Sie zuerst (z. B. „Python-Jobs in Frankfurt“), dann fragen Sie erneut.",
};

export function letterTexts(lang: string): LetterTexts {
  return lang === "de" ? DE : EN;
}
