import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A static file the pages load: content type and body. */
export interface Asset {
  type: string;
  body: string;
}

const fromPackage = (specifier: string, type: string): (() => Asset) => {
  let cached: Asset | undefined;
  return () => (cached ??= { type, body: readFileSync(require.resolve(specifier), "utf8") });
};

// Draws each source's history with uPlot from the JSON block the page carries (no inline script: CSP).
const CHARTS_JS = `
document.addEventListener("DOMContentLoaded", function () {
  var block = document.getElementById("chart-data");
  if (!block || typeof uPlot === "undefined") return;
  JSON.parse(block.textContent || "[]").forEach(function (c) {
    var el = document.querySelector('[data-chart="' + CSS.escape(c.id) + '"]');
    if (!el) return;
    new uPlot({
      width: 460, height: 180,
      series: [{}, { label: "fetched", stroke: "#2b6cb0" }, { label: "new", stroke: "#2f855a" },
               { label: "closed", stroke: "#975a16" }, { label: "failed", stroke: "#c53030" },
               { label: "latency ms", stroke: "#6b46c1", scale: "ms" }],
      axes: [{}, {}, { scale: "ms", side: 1 }]
    }, [c.x, c.fetched, c.newJobs, c.closed, c.failed, c.latencyMs], el);
  });
});
`;

const CSS = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1a202c; background: #f7fafc; }
nav { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #1a365d; color: #fff; }
nav a { color: #e2e8f0; text-decoration: none; } nav a.on { color: #fff; font-weight: 600; border-bottom: 2px solid #fff; }
nav .brand { font-weight: 700; color: #fff; } nav .ws { opacity: .8; }
nav .logout { margin-left: auto; display: flex; gap: .5rem; align-items: center; }
main { padding: 1rem 1.5rem; max-width: 1200px; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: .5rem 0 1rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e2e8f0; vertical-align: top; }
.muted { color: #718096; font-size: 12px; } .error { color: #c53030; max-width: 26rem; overflow-wrap: anywhere; }
.badge { padding: .1rem .45rem; border-radius: .6rem; font-size: 12px; background: #e2e8f0; }
.badge.completed, .badge.active { background: #c6f6d5; } .badge.failed, .badge.failing { background: #fed7d7; }
.badge.running, .badge.queued { background: #bee3f8; } .badge.paused, .badge.paused-by-breaker { background: #feebc8; }
.run { background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: .6rem .8rem; margin-bottom: 1rem; }
.run header { display: flex; gap: .8rem; align-items: center; flex-wrap: wrap; } .run progress { width: 100%; }
.state.failed { color: #c53030; } .state.retrying { color: #975a16; }
form.inline { display: inline; } form.start { margin-bottom: 1rem; display: flex; gap: .5rem; }
.notice { background: #fffaf0; border: 1px solid #fbd38d; padding: .5rem .8rem; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; } figure { background: #fff; padding: .5rem; margin: 0; }
`;

/** Everything under `/assets/`: htmx, its SSE extension and uPlot from their packages, our CSS and chart code. */
export const ASSETS: Record<string, () => Asset> = {
  "htmx.js": fromPackage("htmx.org/dist/htmx.min.js", "text/javascript"),
  "htmx-sse.js": fromPackage("htmx-ext-sse/dist/sse.min.js", "text/javascript"),
  "uplot.js": fromPackage("uplot/dist/uPlot.iife.min.js", "text/javascript"),
  "uplot.css": fromPackage("uplot/dist/uPlot.min.css", "text/css"),
  "charts.js": () => ({ type: "text/javascript", body: CHARTS_JS }),
  "dashboard.css": () => ({ type: "text/css", body: CSS }),
};
