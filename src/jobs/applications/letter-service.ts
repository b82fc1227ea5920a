import { createHash, randomUUID } from "node:crypto";
import { AppError } from "../../core/errors.js";
import type { StoredJob } from "../../store/jobs.repo.js";
import type { LetterOwner, LettersRepo, StoredLetter } from "../../store/letters.repo.js";
import type { Profile } from "../profiles/profile.js";
import { checkGrounding, type CitedLine, type GroundingReport } from "./grounding.js";
import type { LetterLength, LetterTone } from "./letter-phrases.js";
import { applicantLine, chooseFacts } from "./letter-facts.js";
import { factsFor, writeOfflineLetter, type LetterRequest } from "./letter-template.js";
import { letterTexts } from "./letter-texts.js";
import type { LetterModel } from "./letter-model.js";
import type { Logger } from "../../core/logger.js";
import { mapLimited } from "../../core/map-limited.js";

/** How a letter should be written ("shorter", "more formal", "mention my Kubernetes work"). */
export interface LetterOptions {
  tone?: LetterTone | undefined;
  length?: LetterLength | undefined;
  focus?: string | undefined;
  /** The language the person speaks (for what they are told); the letter follows the posting's. */
  says?: "de" | "en" | undefined;
}

/** A letter as shown for review: the stored letter and the job it is for. */
export interface LetterView {
  letter: StoredLetter;
  job: { title: string; company: string; jobId: string };
  /** The asked-for focus is in no CV line the letter could use. */
  focusMissing?: boolean | undefined;
  /** Why the configured model did not write it (the template letter stands in), in the person's language. */
  notice?: string | undefined;
}

/** One of several letters asked for at once: the letter, or why that job got none. */
export type ManyLetters = Array<{ jobRef: string | number; view?: LetterView; error?: string }>;

/** What the letter service needs. */
export interface LetterServiceOptions {
  letters: LettersRepo;
  profiles: { get(owner: LetterOwner): Promise<Profile | undefined> };
  /** The job by stable id (`j_…`) or store id; throws a user-facing error when it is gone. */
  findJob(jobId: string | number): Promise<StoredJob>;
  /** An OpenAI-compatible model that writes letters; without it the offline templates do. */
  writer?: LetterModel | undefined;
  /** Letters drafted at once for "the top 3" (each may call the model). @defaultValue `3` */
  concurrency?: number | undefined;
  /** Where a model's failure is logged (the person only hears that templates stood in). */
  logger?: Logger | undefined;
}

/** A letter's text as written, with what it cites and who wrote it. */
interface Written {
  text: string;
  cited: CitedLine[];
  report: GroundingReport;
  focusMissing: boolean;
  model: string;
  promptVersion: string;
  notice?: string | undefined;
}

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Drafts, edits and approvals of cover letters. Every text — drafted, regenerated or edited — is
 * checked in code and stored with its report and hash; approval names the hash it saw, and a letter
 * with unsupported sentences is approved only when the person says so explicitly.
 */
export class LetterService {
  constructor(private readonly o: LetterServiceOptions) {}

  async draft(owner: LetterOwner, jobRef: string | number, opts: LetterOptions = {}): Promise<LetterView> {
    const job = await this.o.findJob(jobRef);
    const lang = job.posting.language === "de" ? "de" : "en";
    const t = letterTexts(opts.says ?? lang);
    if (job.status === "closed")
      throw new AppError("job_closed", `job ${job.id} is closed`, {
        userMessage: t.closed(job.posting.title),
      });
    const profile = await this.o.profiles.get(owner);
    const applicant = profile && applicantLine(profile);
    if (!profile || !applicant) throw new AppError("no_profile", "no profile", { userMessage: t.noProfile });
    const facts = chooseFacts(profile, job.posting);
    if (facts.length === 0)
      throw new AppError("no_facts", "no usable CV lines", { userMessage: t.noFacts(job.posting.title) });
    const req: LetterRequest = {
      lang,
      applicant,
      job: { title: job.posting.title, company: job.posting.company },
      posting: `${job.posting.title}\n${job.posting.company}\n${job.posting.description}`,
      facts,
      tone: opts.tone,
      length: opts.length,
      focus: opts.focus,
    };
    const d = await this.write(req, t);
    const letter = await this.o.letters.insert(owner, {
      id: `lt_${randomUUID().replace(/-/g, "").slice(0, 16)}`,
      jobId: job.id,
      lang,
      text: d.text,
      cited: d.cited,
      report: d.report,
      model: d.model,
      promptVersion: d.promptVersion,
      edited: false,
      hash: sha256(d.text),
    });
    return {
      letter,
      job: jobOf(job),
      focusMissing: d.focusMissing,
      ...(d.notice ? { notice: d.notice } : {}),
    };
  }

  /**
   * Letters for several jobs at once ("the top 3"), a few at a time; a job that cannot get one
   * (closed, nothing to quote) says why without stopping the others.
   */
  async draftMany(
    owner: LetterOwner,
    jobRefs: ReadonlyArray<string | number>,
    opts: LetterOptions = {},
  ): Promise<ManyLetters> {
    return mapLimited(jobRefs, this.o.concurrency ?? 3, async (jobRef) => {
      try {
        return { jobRef, view: await this.draft(owner, jobRef, opts) };
      } catch (err) {
        if (err instanceof AppError && err.userMessage) return { jobRef, error: err.userMessage };
        throw err;
      }
    });
  }

  /**
   * The configured model writes from the chosen facts and its draft is checked like any other; with
   * no model, or when it fails after its retries (quota used up, down), the templates write it and
   * the person is told in one sentence.
   */
  private async write(req: LetterRequest, t: ReturnType<typeof letterTexts>): Promise<Written> {
    const writer = this.o.writer;
    const offline = () => {
      const d = writeOfflineLetter(req);
      return { ...d, model: "offline", promptVersion: d.templateVersion };
    };
    if (!writer) return offline();
    const { facts, focusMissing } = factsFor(req);
    try {
      const text = await writer.write({ ...req, facts });
      const cited = [req.applicant, ...facts.map((f) => ({ id: f.lineId, text: f.text }))];
      const report = checkGrounding({ letter: text, cited, posting: req.posting, lang: req.lang });
      return { text, cited, report, focusMissing, model: writer.id, promptVersion: writer.promptVersion };
    } catch (err) {
      const quota = err instanceof AppError && err.code === "model_quota";
      this.o.logger?.warn("letter model failed; template letter instead", {
        model: writer.id,
        error: err instanceof Error ? err.message : String(err),
      });
      return { ...offline(), notice: quota ? t.modelQuota : t.modelFailed };
    }
  }

  /** The letter by id, or the person's newest one; a user-facing error when there is none. */
  async find(owner: LetterOwner, letterId?: string, says?: "de" | "en"): Promise<StoredLetter> {
    const l = letterId ? await this.o.letters.get(owner, letterId) : await this.o.letters.latest(owner);
    if (!l) throw new AppError("no_letter", "no letter", { userMessage: letterTexts(says ?? "en").noLetter });
    return l;
  }

  async view(owner: LetterOwner, letterId?: string, says?: "de" | "en"): Promise<LetterView> {
    const letter = await this.find(owner, letterId, says);
    return { letter, job: jobOf(await this.o.findJob(letter.jobId)) };
  }

  /** The same job written again, with new options. */
  async regenerate(owner: LetterOwner, letterId: string | undefined, opts: LetterOptions = {}) {
    const old = await this.find(owner, letterId, opts.says);
    return this.draft(owner, old.jobId, opts);
  }

  /** The person's own text: checked like any draft, back to draft until approved. */
  async edit(
    owner: LetterOwner,
    letterId: string | undefined,
    text: string,
    says?: "de" | "en",
  ): Promise<LetterView> {
    const old = await this.find(owner, letterId, says);
    const clean = text.replace(/\r\n/g, "\n").trim();
    if (!clean)
      throw new AppError("letter_empty", "empty edit", {
        userMessage: letterTexts(says ?? old.lang).emptyEdit,
      });
    const job = await this.o.findJob(old.jobId);
    const report = checkGrounding({
      letter: clean,
      cited: old.cited,
      posting: `${job.posting.title}\n${job.posting.company}\n${job.posting.description}`,
      lang: old.lang,
    });
    await this.o.letters.replaceText(owner, old.id, { text: clean, report, hash: sha256(clean) });
    return this.view(owner, old.id);
  }

  /**
   * Approve the letter as it stands. With unsupported sentences the person must say so explicitly
   * (`anyway`), else the answer names them and what to do.
   */
  async approve(
    owner: LetterOwner,
    letterId: string | undefined,
    anyway = false,
    says?: "de" | "en",
  ): Promise<LetterView> {
    const l = await this.find(owner, letterId, says);
    const t = letterTexts(says ?? l.lang);
    if (!l.report.supported && !anyway)
      throw new AppError("letter_unsupported", "unsupported sentences", {
        userMessage: t.blocked(l.report.unsupported.length),
      });
    if (!(await this.o.letters.approve(owner, l.id, l.hash, !l.report.supported)))
      throw new AppError("letter_changed", "letter changed", { userMessage: t.changed });
    await this.o.letters.setStatus(owner, l.jobId, "letter approved", l.id);
    return this.view(owner, l.id);
  }

  /** Approved letters by store job id: what exports and mails may use. */
  approved(owner: LetterOwner): Promise<Map<number, StoredLetter>> {
    return this.o.letters.approvedByJob(owner);
  }
}

function jobOf(job: StoredJob): LetterView["job"] {
  return { title: job.posting.title, company: job.posting.company, jobId: job.posting.id };
}
