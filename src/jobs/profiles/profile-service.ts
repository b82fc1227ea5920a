import { randomUUID } from "node:crypto";
import { AppError } from "../../core/errors.js";
import { LANGS, type Lang } from "../../core/lang.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";
import type { CvUpload, ProfilesRepo } from "../../store/profiles.repo.js";
import { cvText, MAX_CV_BYTES, readCvLocally, sniffCv, type CvReader } from "./cv-file.js";
import { extractFacts } from "./cv-facts.js";
import {
  numberLines,
  type Preferences,
  type Profile,
  type ProfileFact,
  type ProfileOwner,
} from "./profile.js";
import { canonicalSkill } from "./skills.js";

/** Puts a CV upload on the parse queue (ids only). */
export interface CvParseQueue {
  enqueueParse(uploadId: string): Promise<void>;
}

/** Options for {@link ProfileService}. */
export interface ProfileServiceOptions {
  profiles: ProfilesRepo;
  queue: CvParseQueue;
  /** Largest CV read. @defaultValue {@link MAX_CV_BYTES} */
  maxBytes?: number;
  /** Reads PDF and DOCX text: on this machine, or LlamaParse (`JOBSCOUT_CV_PARSER`). @defaultValue {@link readCvLocally} */
  reader?: CvReader;
  /** How often `waitForUpload` polls the store. @defaultValue `200` */
  pollMs?: number;
}

/** A CV as received from a surface. */
export interface CvFile {
  name: string;
  mimeType?: string | undefined;
  bytes: Uint8Array;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A person's profile: read from a CV (queued, parsed by the `parse-cv` stage), shown, extended by
 * what they state in chat, forgotten. Every call names the owner, from the platform event.
 */
export class ProfileService {
  constructor(private readonly o: ProfileServiceOptions) {}

  get maxBytes(): number {
    return this.o.maxBytes ?? MAX_CV_BYTES;
  }

  /**
   * Check the file's bytes and queue it for parsing; returns the upload id. A file that is not a
   * readable CV (HTML login page, zip, image, too large, empty) is refused here with what to do.
   */
  async submit(owner: ProfileOwner, file: CvFile): Promise<string> {
    sniffCv(file.bytes, file.name, this.maxBytes);
    const id = randomUUID();
    await this.o.profiles.createUpload(
      {
        id,
        workspaceId: owner.workspaceId,
        userId: owner.userId,
        fileName: file.name.slice(0, 200),
        mimeType: file.mimeType ?? null,
        size: file.bytes.length,
      },
      file.bytes,
    );
    await this.o.queue.enqueueParse(id);
    return id;
  }

  /** Wait until the upload is parsed; the new profile, or the error that says what to do. */
  async waitForUpload(
    owner: ProfileOwner,
    uploadId: string,
    o: { timeoutMs: number; onStatus?: ((u: CvUpload) => void) | undefined },
  ): Promise<Profile> {
    const deadline = Date.now() + o.timeoutMs;
    let last = "";
    for (;;) {
      const u = await this.o.profiles.upload(owner, uploadId);
      if (!u) throw new AppError("upload_not_found", `upload ${uploadId} not found`);
      if (u.status !== last) o.onStatus?.(u);
      last = u.status;
      if (u.status === "failed") throw storedFailure(u.error);
      if (u.status === "done") {
        const p = await this.o.profiles.get(owner);
        if (p) return p;
      }
      if (Date.now() > deadline)
        throw new AppError("cv_timeout", `upload ${uploadId} not parsed in time`, {
          retryable: true,
          userMessage: (lang) => phrasesFor(lang).cv.stillReading,
        });
      await sleep(this.o.pollMs ?? 200);
    }
  }

  /**
   * The parse stage's work: read the upload's text into numbered lines and facts, keep the
   * preferences and stated facts the person already gave, store the next profile version.
   * Idempotent: a parsed upload is not read again.
   */
  async parseUpload(
    uploadId: string,
    o: { lastAttempt: boolean } = { lastAttempt: true },
  ): Promise<"done" | "failed" | "skipped"> {
    const got = await this.o.profiles.uploadForParsing(uploadId);
    // Marking an upload done or failed drops its bytes: nothing left means already handled.
    if (!got || got.content === null) return "skipped";
    const { upload, content } = got;
    await this.o.profiles.setUploadStatus(upload.id, "parsing");
    let text: string;
    try {
      text = await cvText(content, upload.fileName, this.maxBytes, this.o.reader ?? readCvLocally);
    } catch (err) {
      // A passing fault (the parser busy or down) is retried by the stage; the person hears of it
      // only when the last attempt failed too.
      if (err instanceof AppError && err.userMessage && (!err.retryable || o.lastAttempt)) {
        // Kept in every language: the person who waits for it is answered in theirs.
        const said = Object.fromEntries(LANGS.map((l) => [l, err.userMessageIn(l)]));
        await this.o.profiles.setUploadStatus(upload.id, "failed", JSON.stringify(said));
        return "failed";
      }
      throw err;
    }
    const owner = { workspaceId: upload.workspaceId, userId: upload.userId };
    const before = await this.o.profiles.get(owner);
    const lines = numberLines(text);
    await this.o.profiles.put(owner, {
      sourceName: upload.fileName,
      lines,
      facts: [...extractFacts(lines), ...(before?.facts.filter((f) => f.stated) ?? [])],
      preferences: before?.preferences ?? {},
    });
    await this.o.profiles.setUploadStatus(upload.id, "done");
    return "done";
  }

  show(owner: ProfileOwner): Promise<Profile | undefined> {
    return this.o.profiles.get(owner);
  }

  /** Delete CV text, facts, preferences and scores. */
  forget(owner: ProfileOwner): Promise<boolean> {
    return this.o.profiles.forget(owner);
  }

  /** Add skills the person states ("I also know Kubernetes"), marked as stated; returns the profile. */
  async addStated(owner: ProfileOwner, skills: readonly string[]): Promise<Profile> {
    const p = await this.o.profiles.get(owner);
    const facts: ProfileFact[] = [...(p?.facts ?? [])];
    for (const s of skills) {
      const value = canonicalSkill(s).slice(0, 80);
      if (!value || facts.some((f) => f.kind === "skill" && f.value.toLowerCase() === value.toLowerCase()))
        continue;
      facts.push({ kind: "skill", value, lines: [], stated: true });
    }
    return this.o.profiles.put(owner, {
      sourceName: p?.sourceName ?? null,
      lines: p?.lines ?? [],
      facts,
      preferences: p?.preferences ?? {},
    });
  }

  /** Merge stated preferences into the profile (a field given replaces the old one). */
  async setPreferences(owner: ProfileOwner, prefs: Preferences): Promise<Profile> {
    const p = await this.o.profiles.get(owner);
    const defined = Object.fromEntries(
      Object.entries(prefs).filter(([, v]) => v !== undefined),
    ) as Preferences;
    return this.o.profiles.put(owner, {
      sourceName: p?.sourceName ?? null,
      lines: p?.lines ?? [],
      facts: p?.facts ?? [],
      preferences: { ...(p?.preferences ?? {}), ...defined },
    });
  }
}

/** A failed upload's stored reason (per language; a plain text from before is shown as it is). */
function storedFailure(stored: string | null): AppError {
  let said: Partial<Record<Lang, string>> = {};
  if (stored?.startsWith("{")) {
    try {
      said = JSON.parse(stored) as Partial<Record<Lang, string>>;
    } catch {
      said = { en: stored };
    }
  } else if (stored) said = { en: stored };
  const text = (lang: Lang) => said[lang] ?? said.en ?? phrasesFor(lang).cv.failed;
  return new AppError("cv_failed", text("en"), { userMessage: text });
}
