// What people are told about their letters, exports and mailed applications, per language. German
// addresses the person as du, as every other answer does (the letters themselves use the Sie-form).

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
  /** After an export: where the file is (terminal) or that it is attached. */
  exported(n: number, where: { name: string; path?: string | undefined }): string;
  /** An export of an empty shortlist. */
  exportEmpty: string;
  /** What would go out by mail, to confirm. */
  mailPreview(p: { title: string; company: string; to: string; subject: string }): string;
  mailAlreadySent(to: string): string;
  mailSending(to: string): string;
  mailSent(to: string, title: string): string;
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
  exported: (n, where) =>
    where.path ? `Exported ${n} jobs to ${where.path}` : `Exported ${n} jobs: ${where.name} (attached).`,
  exportEmpty: "Your shortlist is empty: save jobs first, e.g. “save 2”.",
  mailPreview: (p) =>
    `I will send your approved letter for ${p.title} at ${p.company} to ${p.to} (subject “${p.subject}”, the letter and your CV attached as text files). Say “yes, send it” to send it now.`,
  mailAlreadySent: (to) => `That letter already went to ${to}; I did not send it again.`,
  mailSending: (to) =>
    `That letter is being sent to ${to} right now; I did not send it a second time. If it does not arrive, ask me again in a few minutes.`,
  mailSent: (to, title) => `Sent to ${to}. ${title} is now marked “applied”.`,
};

const DE: LetterTexts = {
  noProfile:
    "Ich habe noch kein Profil von dir: Schick mir zuerst deinen Lebenslauf (PDF, DOCX oder Text), dann frag erneut nach dem Anschreiben.",
  noLetter:
    "Du hast noch kein Anschreiben: Bitte mich nach einer Suche z. B. „schreib ein Anschreiben für Stelle 2“.",
  noFacts: (title) =>
    `In deinem Lebenslauf habe ich nichts gefunden, das ich für „${title}“ zitieren könnte: Ergänze deine Erfahrung im Lebenslauf und schick ihn erneut.`,
  closed: (title) =>
    `„${title}“ ist geschlossen: Die Anzeige ist nicht mehr gelistet, daher schreibe ich dafür kein Anschreiben.`,
  emptyEdit:
    "Das geänderte Anschreiben ist leer: Schick den ganzen gewünschten Text nach „Anschreiben ändern:“.",
  blocked: (n) =>
    `${n === 1 ? "Ein Satz ist" : `${n} Sätze sind`} nicht durch deinen Lebenslauf oder die Anzeige belegt (mit ⚠️ markiert). Ändere das Anschreiben, oder sag „trotzdem freigeben“, wenn es stimmt.`,
  changed:
    "Das Anschreiben hat sich geändert, seit du es gesehen hast: Prüf den neuen Text und gib ihn erneut frei.",
  unsupportedLabel: "nicht in deinem Lebenslauf oder der Anzeige",
  heading: (title, company) => `Entwurf deines Anschreibens für ${title} bei ${company}:`,
  allSupported: "Jede Aussage ist durch deinen Lebenslauf oder die Anzeige belegt.",
  someUnsupported: (n) =>
    `⚠️ ${n === 1 ? "Ein Satz ist" : `${n} Sätze sind`} nicht durch deinen Lebenslauf oder die Anzeige belegt: Ändere ${n === 1 ? "ihn" : "sie"}, oder gib ausdrücklich frei, wenn es stimmt. Bis dahin kann es weder exportiert noch versendet werden.`,
  approved: (anyway) =>
    anyway
      ? "Freigegeben, einschließlich der von dir bestätigten Sätze. Es kann jetzt exportiert oder versendet werden."
      : "Freigegeben. Es kann jetzt exportiert oder versendet werden.",
  focusMissing:
    "(Dazu habe ich in deinem Lebenslauf nichts gefunden, daher erwähnt das Anschreiben es nicht.)",
  howToAct:
    "Sag „freigeben“, „Anschreiben ändern: <dein Text>“ oder „neu schreiben“ (z. B. „kürzer“, „förmlicher“).",
  modelQuota:
    "Das Kontingent des Sprachmodells ist aufgebraucht, daher habe ich dieses Anschreiben aus meinen Vorlagen geschrieben; der Betreiber kann Guthaben aufladen oder OPENAI_API_KEY ändern.",
  modelFailed:
    "Das Sprachmodell hat nicht geantwortet, daher habe ich dieses Anschreiben aus meinen Vorlagen geschrieben.",
  manyHeading: (n) =>
    `${n === 1 ? "Ein Entwurf" : `${n} Entwürfe`}, jeder wartet auf deine Freigabe (Knöpfe unter jedem Anschreiben, oder „freigeben“ für das letzte):`,
  skipped: (n, why) => `Kein Anschreiben für Stelle ${n}: ${why}`,
  noList:
    "Ich habe keine Stellenliste, aus der ich die besten nehmen könnte: Such zuerst (z. B. „Python-Jobs in Frankfurt“), dann frag erneut.",
  exported: (n, where) =>
    where.path
      ? `${n} Stellen exportiert nach ${where.path}`
      : `${n} Stellen exportiert: ${where.name} (angehängt).`,
  exportEmpty: "Deine Merkliste ist leer: Merk dir zuerst Stellen, z. B. mit „merke 2“.",
  mailPreview: (p) =>
    `Ich sende dein freigegebenes Anschreiben für ${p.title} bei ${p.company} an ${p.to} (Betreff „${p.subject}“, das Anschreiben und dein Lebenslauf als Textdateien angehängt). Sag „ja, senden“, um es jetzt zu senden.`,
  mailAlreadySent: (to) =>
    `Dieses Anschreiben ging bereits an ${to}; ich habe es nicht noch einmal gesendet.`,
  mailSending: (to) =>
    `Dieses Anschreiben wird gerade an ${to} gesendet; ich sende es nicht ein zweites Mal. Kommt es nicht an, frag in einigen Minuten erneut.`,
  mailSent: (to, title) => `Gesendet an ${to}. Die Stelle ${title} steht jetzt auf „beworben“.`,
};

export function letterTexts(lang: string): LetterTexts {
  return lang === "de" ? DE : EN;
}
