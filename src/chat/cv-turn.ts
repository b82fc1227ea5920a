import { detectLanguage } from "../agents/language.js";
import { activitySummary, type RunSummary } from "../answers/run-summary.js";
import { profileLanguage, profileTexts, renderProfileRead } from "../answers/profile-text.js";
import type { FileDownload } from "../bot/shared/file-download.js";
import { AppError } from "../core/errors.js";
import type { Lang } from "../core/lang.js";
import type { ProfileService } from "../jobs/profiles/profile-service.js";
import { textReply, type ChatFile, type ChatReply, type ChatTurn } from "./chat-turn.js";
import { personalOwner } from "./conversation.js";

/** What reading a CV from a chat turn needs. */
export interface CvTurnDeps {
  profiles: ProfileService;
  download: FileDownload;
  /** How long to wait for the parse stage. */
  waitMs: number;
}

/**
 * A turn that carries a file: download it on its platform, check it, queue it for the parse stage
 * and wait, showing progress; answer with the profile read, or with what to do. Never throws an
 * internal message at the person.
 */
export async function readCvTurn(
  d: CvTurnDeps,
  turn: ChatTurn,
  file: ChatFile,
  onProgress?: (run: RunSummary) => void,
  memberLang?: Lang,
): Promise<ChatReply> {
  // A file sent alone has no words: the member's language, as they last wrote or chose it.
  const lang = detectLanguage(turn.text) ?? memberLang ?? "en";
  const t = profileTexts(lang);
  const owner = personalOwner(turn, turn.user.id);
  const activity = {
    working: t.reading(file.name),
    done: t.readDone(file.name),
    failed: t.readFailed(file.name),
  };
  let id = `cv-${Date.now()}`;
  onProgress?.(activitySummary(id, activity, "running", 5));
  try {
    const bytes = await d.download(turn.platform, file, d.profiles.maxBytes);
    onProgress?.(activitySummary(id, activity, "running", 30));
    id = await d.profiles.submit(owner, { name: file.name, mimeType: file.mimeType, bytes });
    const profile = await d.profiles.waitForUpload(owner, id, {
      timeoutMs: d.waitMs,
      onStatus: (u) =>
        onProgress?.(activitySummary(id, activity, "running", u.status === "parsing" ? 60 : 40)),
    });
    const lineLang = profileLanguage(profile);
    const run = activitySummary(id, activity, "completed", 100);
    onProgress?.(run);
    return textReply(
      renderProfileRead(profile, detectLanguage(turn.text) ?? memberLang ?? lineLang ?? "en"),
      {
        run,
      },
    );
  } catch (err) {
    const told = err instanceof AppError ? err.userMessageIn(lang) : undefined;
    if (told) {
      const run = activitySummary(id, activity, "failed", 100);
      onProgress?.(run);
      return textReply(told, { run, lang });
    }
    throw err;
  }
}
