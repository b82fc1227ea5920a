import { renderProgress } from "../../agents/render.js";
import type { RunSummary } from "../../answers/run-summary.js";
import type { Lang } from "../../core/lang.js";

/** Shows a run's progress on a terminal stream: one updating line on a TTY, plain lines otherwise. */
export function terminalProgress(stream: NodeJS.WriteStream | NodeJS.WritableStream, enabled: boolean) {
  const tty = "isTTY" in stream && stream.isTTY === true;
  let shown = false;
  let last = "";
  return {
    onProgress: (run: RunSummary, lang?: Lang): void => {
      if (!enabled) return;
      const line = renderProgress(run, lang);
      if (line === last) return;
      last = line;
      if (tty) {
        stream.write(`\r\x1b[2K${line}`);
        shown = true;
      } else {
        stream.write(`${line}\n`);
      }
    },
    /** End the progress line before the answer is printed. */
    done: (): void => {
      if (shown) stream.write("\n");
      shown = false;
    },
  };
}
