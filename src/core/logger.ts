import { createRequire } from "node:module";
import { pino, type DestinationStream, type Logger as PinoLogger } from "pino";
import type PinoPretty from "pino-pretty";

// pino-pretty (and its colour and date code) only for a terminal: read on first use, synchronously
// (it is CommonJS), so the piped stderr of tests, services and containers never loads it.
const requireHere = createRequire(import.meta.url);
const prettyStream = (o: Parameters<typeof PinoPretty>[0]): DestinationStream =>
  (requireHere("pino-pretty") as typeof PinoPretty)(o);

/** Log levels in increasing severity. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

// Keys whose values must never reach a log line, wherever a caller put them at the top…
const SECRET_KEY = /token|secret|password|api[_-]?key|authorization/i;
// …and the same names one or two levels down (request headers, options objects), by path.
const SECRET_NAMES = [
  "token",
  "botToken",
  "appToken",
  "secret",
  "password",
  "apiKey",
  "api_key",
  "authorization",
];
const REDACT_PATHS = SECRET_NAMES.flatMap((n) => [`*.${n}`, `*.*.${n}`, `*.headers.${n}`]);

function redactKeys(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : v;
  return out;
}

function wrap(p: PinoLogger): Logger {
  const at =
    (lvl: Exclude<LogLevel, "silent">) =>
    (msg: string, fields?: Record<string, unknown>): void => {
      if (fields) p[lvl](fields, msg);
      else p[lvl](msg);
    };
  return {
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
    child: (b) => wrap(p.child(redactKeys(b))),
  };
}

/**
 * Structured logs with pino on stderr (stdout belongs to the chat): JSON lines — `time`, `level`,
 * `msg` and the fields (run id, source, stage… where the caller has them) — or, when stderr is a
 * terminal, pino-pretty's readable lines. Secrets are redacted by key and by path. `write` takes
 * every JSON line instead (tests).
 */
export function createLogger(
  level: LogLevel,
  bindings: Record<string, unknown> = {},
  write?: (line: string) => void,
): Logger {
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.replace(/\n$/, "")) }
    : process.stderr.isTTY
      ? prettyStream({ destination: 2, sync: true, translateTime: "SYS:HH:MM:ss.l" })
      : pino.destination({ fd: 2, sync: true });
  const root = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => redactKeys(obj),
      },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    destination,
  );
  return wrap(Object.keys(bindings).length > 0 ? root.child(redactKeys(bindings)) : root);
}
