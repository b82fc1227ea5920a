import { createPlaceLookup } from "../agents/place-lookup.js";
import { resolvePlace } from "../core/geo/gazetteer.js";
import { AppError } from "../core/errors.js";
import { createRuleResponder, type Rule } from "./openai/rules.js";
import { letterRule, type LetterRuleOptions } from "./openai/letter-rule.js";
import {
  FAULT_KINDS,
  startOpenAiMock,
  type FaultKind,
  type OpenAiMock,
  type OpenAiMockSettings,
} from "./openai/server.js";
import {
  startLlamaParseMock,
  type LlamaParseMock,
  type LlamaParseMockSettings,
} from "./llamaparse/server.js";

/** `500=0.02,timeout=0.01` as fault rates; unknown kinds or rates outside 0..1 are refused by name. */
export function parseFaultRates(spec: string): Partial<Record<FaultKind, number>> {
  const out: Partial<Record<FaultKind, number>> = {};
  for (const part of spec
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kind = "", rate = ""] = part.split("=");
    const r = Number(rate);
    if (!FAULT_KINDS.includes(kind as FaultKind) || !(r >= 0 && r <= 1))
      throw new AppError("mock_settings", `bad fault rate ${part}`, {
        userMessage: `--faults: "${part}" is not kind=rate with a kind of ${FAULT_KINDS.join(", ")} and a rate from 0 to 1.`,
      });
    out[kind as FaultKind] = r;
  }
  return out;
}

/**
 * The OpenAI stand-in answering by jobscout's rules: cover letters from the request's facts (with
 * `letters.inventRate`, some with an invented claim), then any extra rules, then the offline model's.
 */
export function startRuleOpenAiMock(
  settings: Partial<OpenAiMockSettings> = {},
  port = 0,
  host = "127.0.0.1",
  rules: readonly Rule[] = [],
  letters: LetterRuleOptions = {},
): Promise<OpenAiMock> {
  const responder = createRuleResponder({
    lookupPlace: createPlaceLookup((name) => resolvePlace(name)),
    rules: [letterRule({ seed: settings.seed, ...letters }), ...rules],
  });
  return startOpenAiMock(responder, settings, port, host);
}

export type { OpenAiMock, LlamaParseMock, LlamaParseMockSettings, OpenAiMockSettings };
export { startLlamaParseMock };
