// A profile as the parse stage stores it (numbered CV lines, facts read from them, preferences),
// written through the real repository: for tests whose subject is what comes after the CV.
import { extractFacts } from "../../src/jobs/profiles/cv-facts.js";
import { numberLines, type Preferences, type Profile } from "../../src/jobs/profiles/profile.js";
import type { ProfilesRepo } from "../../src/store/profiles.repo.js";

export function givenProfile(
  repo: ProfilesRepo,
  owner: { workspaceId: string; userId: string },
  cv: readonly string[],
  preferences: Preferences = {},
): Promise<Profile> {
  const lines = numberLines(cv.join("\n"));
  return repo.put(owner, { sourceName: "cv.txt", lines, facts: extractFacts(lines), preferences });
}

/** A web developer's CV that fits some of the replayed Berlin postings (PHP, JavaScript, Laravel, React). */
export const CV_WEB = [
  "Alex Example",
  "Full Stack Developer",
  "Berlin, Germany",
  "Summary: 5 years of experience building web applications in PHP and JavaScript.",
  "2020–2025 Full Stack Developer, Example Shop GmbH, Berlin",
  "Built the shop on Laravel and React; REST APIs, MySQL and Docker.",
  "Skills: PHP, Laravel, JavaScript, TypeScript, React, MySQL, Docker, Git",
  "Languages: German (C2), English (C1)",
];

/** The same developer in German. */
export const CV_WEB_DE = [
  "Kim Beispiel",
  "Full-Stack-Entwicklerin",
  "Berlin",
  "Profil: 5 Jahre Berufserfahrung in der Entwicklung von Webanwendungen mit PHP und JavaScript.",
  "2020–2025 Full-Stack-Entwicklerin, Beispiel Shop GmbH, Berlin",
  "Shop mit Laravel und React gebaut; REST-APIs, MySQL und Docker.",
  "Kenntnisse: PHP, Laravel, JavaScript, TypeScript, React, MySQL, Docker, Git",
  "Sprachen: Deutsch (Muttersprache), Englisch (B1)",
];

/** A nurse's CV: fits other replayed Berlin postings than the developer's. */
export const CV_CARE = [
  "Sam Example",
  "Pflegefachkraft",
  "Berlin, Germany",
  "Summary: 6 years of experience in nursing and patient care in hospitals.",
  "2019–2025 Pflegefachkraft, Example Klinikum, Berlin",
  "Patient care, Pflege, documentation, shift work.",
  "Skills: Pflege, Krankenpflege, patient care, Altenpflege",
  "Languages: German (C2), English (B1)",
];
