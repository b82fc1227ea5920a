import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { ApplicationExport, ExportedFile } from "../jobs/applications/export-service.js";
import { notAsked, toolError, turnContext, personOf } from "./context.js";
import { expected } from "./letter-common.js";

export const exportSchema = z.object({
  format: z.enum(["xlsx", "csv"]).default("xlsx"),
  lang: z.enum(["de", "en"]).default("en").describe("The person's language (headers and statuses)."),
});

/** "Export my applications": saved jobs and applications with approved letters as XLSX or CSV. */
export function createExportApplicationsTool(deps: { exports: ApplicationExport }) {
  return tool(
    async (input, config): Promise<[string, ExportedFile | null]> => {
      const ctx = turnContext(config);
      const refused = notAsked(ctx, "letter");
      if (refused) return [toolError(refused), null];
      const args = exportSchema.parse(input);
      return expected(async () => {
        const file = await deps.exports.export(personOf(ctx), args.format, ctx.lang ?? args.lang);
        // The terminal's person reads the path; chat surfaces upload the file instead.
        const where = ctx.platform === "cli" ? { path: file.path } : {};
        return [
          JSON.stringify({ exported: file.rows, format: file.format, name: file.name, ...where }),
          file,
        ];
      });
    },
    {
      name: "export_applications",
      description:
        "Export the person's saved jobs and applications (link, sources, score and reasons, status, approved letter) as an XLSX or CSV file.",
      schema: exportSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
