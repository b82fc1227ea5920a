// One job posting's copy as a source delivers it to the dedupe stage (a Franconian machine builder's
// backend job, company boilerplate and all), for the JobIdentity and close-unlisted tests.
import { postingId, type Posting } from "../../src/core/posting.js";
import type { CopyInput } from "../../src/pipeline/dedupe/job-identity.js";

export const BOILERPLATE =
  "Wir sind ein familiengeführtes Unternehmen mit über 300 Mitarbeiterinnen und Mitarbeitern an fünf Standorten in Franken. " +
  "Seit mehr als vierzig Jahren entwickeln und fertigen wir Anlagen für die Lebensmittelindustrie, die weltweit im Einsatz sind. " +
  "Wir bieten ein unbefristetes Arbeitsverhältnis, flexible Arbeitszeiten, dreißig Tage Urlaub, betriebliche Altersvorsorge, " +
  "ein Jobrad, regelmäßige Weiterbildungen und ein kollegiales Team, in dem jede Idee zählt. ";
export const BACKEND =
  "Als Backend Engineer entwickelst du unsere Dienste für die Maschinensteuerung in Go und Postgres weiter und betreust sie im Betrieb.";

/** A maker of copies, each with a source id of its own (numbered per maker). */
export function copyMaker(): (source: string, p?: Partial<Posting>, at?: string) => CopyInput {
  let n = 0;
  return (source, p = {}, at = "2026-03-02T09:00:00.000Z") => {
    const sourceId = `${source}-${++n}`;
    const posting: Posting = {
      id: postingId(source, sourceId),
      title: "Backend Engineer (m/w/d)",
      company: "Anlagenbau Franken GmbH",
      locations: [{ city: "Bamberg", country: "DE", lat: 49.89, lon: 10.89 }],
      remoteMode: "hybrid",
      employmentType: "full_time",
      seniority: "unknown",
      language: "de",
      postedAt: "2026-03-01T08:00:00.000Z",
      description: `${BOILERPLATE}${BACKEND}`,
      applyUrl: `https://${source}.example/jobs/${sourceId}`,
      sources: [{ source, sourceId }],
      ...p,
    };
    return { posting, source, sourceId, runId: null, now: at };
  };
}
