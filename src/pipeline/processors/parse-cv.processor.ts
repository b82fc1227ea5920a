import type { ProfileService } from "../../jobs/profiles/profile-service.js";
import type { ParseCvPayload } from "../profile-queue.js";
import type { StageContext } from "../stage.js";

/**
 * Read one uploaded CV into its owner's profile. A file that is not a readable CV fails the upload
 * with what to do (the person is told); only unexpected errors are retried. Idempotent.
 */
export function createParseCvProcessor(profiles: ProfileService) {
  return async ({ uploadId }: ParseCvPayload, ctx: StageContext): Promise<void> => {
    await ctx.progress(10);
    const outcome = await profiles.parseUpload(uploadId, { lastAttempt: ctx.attempt >= ctx.maxAttempts });
    ctx.logger.info("cv parsed", { uploadId, outcome });
    await ctx.progress(100);
  };
}
