// JobSpy CSV rows (an export people import) with the gaps such exports have: no site, no id or URL,
// HTML descriptions, empty job types and remote flags, no currency.
import { describe, expect, it } from "vitest";
import { normalizeJobSpyRow } from "../../src/pipeline/sources/jobspy-csv.js";

describe("a JobSpy row", () => {
  it("is rejected, with its line, without a site or without an id and a job URL", () => {
    expect(normalizeJobSpyRow({ site: "", title: "Backend", company: "Acme" }, 3)).toEqual({
      ok: false,
      reason: "line 3: no site",
    });
    expect(normalizeJobSpyRow({ site: "indeed", title: "Backend", company: "Acme", job_url: "" }, 4)).toEqual(
      {
        ok: false,
        reason: "line 4: neither id nor job_url",
      },
    );
  });

  it("reads an HTML description as text and the job type and level from a German title", () => {
    const r = normalizeJobSpyRow(
      {
        site: "Google Jobs",
        id: "g-1",
        title: "Werkstudent Softwareentwicklung (m/w/d)",
        company: "Acme GmbH",
        description:
          "<p>Du arbeitest <b>20 Stunden</b> pro Woche in Teilzeit mit uns in Berlin.</p><ul><li>Python</li></ul>",
        job_type: "",
        is_remote: "no",
        location: "",
        date_posted: "",
        job_url: "",
        job_url_direct: "ftp://files.example.org/job",
      },
      5,
    );
    expect(r.ok && r.posting).toMatchObject({
      title: "Werkstudent Softwareentwicklung (m/w/d)",
      locations: [],
      remoteMode: "onsite",
      employmentType: "part_time",
      seniority: "intern",
      language: "de",
      description: "Du arbeitest 20 Stunden pro Woche in Teilzeit mit uns in Berlin.\n\n• Python",
      sources: [{ source: "jobspy:google_jobs", sourceId: "g-1" }],
    });
    expect(r.ok && "applyUrl" in r.posting).toBe(false);
    expect(r.ok && "postedAt" in r.posting).toBe(false);
  });

  it("takes the first job type it knows, an id from the job URL, and USD when no currency is given", () => {
    const r = normalizeJobSpyRow(
      {
        site: "indeed",
        title: "Data Engineer",
        company: "Acme",
        job_url: "https://de.indeed.com/viewjob?jk=1",
        job_type: "perdiem, fulltime",
        is_remote: "maybe",
        min_amount: "30",
        max_amount: "40",
        interval: "hourly",
        currency: "",
        description: "Build **pipelines**.",
      },
      6,
    );
    expect(r.ok && r.posting).toMatchObject({
      remoteMode: "unknown",
      employmentType: "temporary",
      salary: { min: 30, max: 40, currency: "USD", period: "hour" },
      description: "Build pipelines.",
      applyUrl: "https://de.indeed.com/viewjob?jk=1",
      // The first 16 hex digits of the URL's SHA-256.
      sources: [
        { source: "jobspy:indeed", sourceId: "a7d898cf86970a9f", url: "https://de.indeed.com/viewjob?jk=1" },
      ],
    });
  });
});
