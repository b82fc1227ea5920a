// The commands that ask about the assistant itself rather than for jobs, read by their own words:
// help (what it can do, a manual, tips, examples), the state of a run (status, "still loading?",
// "is it stuck?") and the job boards it reads (sources, a board asked about by name). Kept apart
// from intent.ts so each family's wordings can grow without crowding the search rules.
// "help me find a nurse job in Bonn" asks for the jobs, not for help with the assistant.
export const HELP =
  /^(help(?![\s-]*desk)(?!(?:\s+(?:me|us))?\s+(?:to\s+)?(?:find|finding|look|looking|search|searching|get|getting|land|landing)\b)|\/help|\?|hilfe|what can you do|what can i ask|how does (this|it) work|was kannst du|was kann ich|wie funktioniert|who are you|what are you|wer bist du|was bist du|was machst du|wof(?:ü|ue|u)r bist du|wozu bist du|what are you (?:good )?for|(?:which|what|welche|was f(?:ü|ue|u)r)(?: \w+)? (?:funktionen|features|functions|f(?:ä|ae|a)higkeiten|capabilities|optionen)\b(?! (?:in|near|bei|für|fuer|for)\b))\b|^\W*(?:erkl(?:ä|ae|a)re?|explain)(?:\s+(?:mir|uns|me|us|das|dich|es|it|this|yourself|alles|mal|bitte|please|doch|kurz|to me))*\W*$|^\W*(?:which|what|welche|was f(?:ü|ue|u)r)(?: \w+)?(?: \w+)? (?:commands?|befehle|kommandos|fragen|questions)\b/i;
// A manual asked for: "is there a manual?", "gibt es eine Anleitung?", "Handbuch bitte".
export const HELP_WORD =
  /^\W*\?+\W*$|^\W*(?:(?:any|some|is there|are there|do you have|have you got|gibt es|gibt's|hast du|habt ihr|where is|wo ist|wo finde ich|show me|zeig mir)\s+(?:a|an|the|your|eine|ein|die|das|der|deine)?\s*)?(?:manual|tutorial|user guide|guide|instructions|guidance|anleitung|anweisungen|bedienungsanleitung|handbuch|hilfestellung)(?:\s+(?:for you|for this|f(?:ü|ue|u)r dich|dazu|please|bitte))?\W*$/i;
// Tips asked for: "any tips?", "hast du Tipps, wie ich am besten suche?", "hints on how to use this".
export const HELP_TIPS =
  /^\W*(?:(?:got|have you got|do you have|any|some|give me|gib mir|mal|hast du|habt ihr|gibt es|gibt's|ein paar|irgendwelche)\s+)*(?:tips|tipps|hints|hinweise|advice|rat|ratschl(?:ä|ae|a)ge)\b(?:\W*(?:on|for|about|zu|zur|zum|f(?:ü|ue|u)r|wie|how)\b.*)?(?:\W*(?:please|pls|bitte))?\W*$/i;
// Examples asked for: "gibt es Beispiele für Anfragen?", "any example requests?", "zeig mir ein paar Beispiele".
export const HELP_EXAMPLES =
  /^\W*(?:(?:got|have you got|do you have|are there|any|some|a few|show me|give me|gibt es|gibt's|gibts|hast du|habt ihr|zeig(?:e)? mir|gib mir|ein paar|einige|ein|eine|an?)\s+)*(?:beispiele?|beispiel(?:anfragen|fragen|suchen|s(?:ä|ae|a)tze)|examples?|(?:sample|example) (?:requests?|queries|questions|searches|commands|prompts))\b(?:\W*(?:(?:on|of|for|about|zu|zur|zum|von|f(?:ü|ue|u)r)\s+(?:(?:what|was|dich|you|this|den bot|the bot)\b.*|(?:m(?:ö|oe|o)gliche |sinnvolle |gute |good |possible )?(?:anfragen|fragen|befehle|eingaben|suchanfragen|suchen|requests|queries|questions|commands|searches|prompts|inputs)\b)|(?:wie|how|what|was)\b.*))?(?:\W*(?:please|pls|bitte))?\W*$/i;
// Still at work, asked alone: "noch am Laden?", "still loading?", "bist du noch beschäftigt?",
// "lädt es noch?" ("ich bin noch am Suchen nach …" is a search, so the whole message is the question).
export const STILL_BUSY =
  /^\W*(?:(?:any|got any|gibt(?:'?s| es)(?: schon)?)\s+)?(?:news|neuigkeiten)\W*$|^\W*(?:(?:und|and|so)\W+)?(?:(?:bist du|seid ihr|are you|is it|ist es|ist er)\s+)?(?:noch|still|immer noch)\s+(?:(?:am|beim)\s+)?(?:laden|loading|arbeiten|working|suchen|searching|abrufen|fetching|crawling|besch(?:ä|ae|a)ftigt|busy|running|going|dran)\W*$|^\W*l(?:ä|ae|a)dt\s+(?:(?:es|das|er|sie|der abruf|die suche)\s+)?(?:noch|immer noch)\W*$/i;
// Stuck, asked alone or with "still loading": "hängt es?", "is it stuck?", "lädt das noch oder hängt es?".
const STUCK =
  /^\W*(?:(?:und|and|so)\W+)?(?:(?:h(?:ä|ae|a)ngt|klemmt)(?:\s+(?:es|das|er|sie|der abruf|die suche|der lauf))?|h(?:ä|ae|a)ngst du|(?:is it|are you|is (?:the )?(?:run|search|fetch|thing|bot))\s+(?:stuck|hanging|frozen|hung|dead)|(?:bist du|ist (?:es|er|das))\s+(?:abgest(?:ü|ue|u)rzt|eingefroren|h(?:ä|ae|a)ngen ?geblieben|tot))(?:\s+(?:noch|gerade|jetzt|etwa|now|again|wieder))?\W*$/i;
// Results asked for before they are in, alone: "schon was gefunden?", "any results yet?".
const FOUND_YET =
  /^\W*(?:(?:und|and|so)\W+)?(?:(?:hast du |habt ihr )?(?:schon|bereits) (?:was|etwas|irgendwas|ergebnisse|treffer)(?: gefunden)?|(?:hast du |habt ihr )(?:schon|bereits) (?:was|etwas|ergebnisse|treffer)|(?:any|got any) (?:results|hits|matches|luck) yet|(?:found|got) anything yet|(?:have you |did you )?(?:found|find) anything yet)\W*$/i;
/** Still at work or stuck, asked alone or both at once ("still loading or stuck?"), or results asked for yet. */
export function asksIfBusy(t: string): boolean {
  return (
    FOUND_YET.test(t) ||
    t.split(/\s+(?:oder|or)\s+/i).every((part) => STILL_BUSY.test(part) || STUCK.test(part))
  );
}
export const STATUS =
  /\b(status(?:[- ]?(?:bericht|update|meldung|abfrage|report))?|progress|stand der dinge|zwischenstand|was macht (?:der|die|das) (?:abruf|suche|lauf|suchlauf|crawl|aktualisierung)|(?:was|wie) ist der (?:aktuelle )?stand|how is the run|how's the run|is the run done|is the (?:run|search|refresh|update|crawl|scan|fetch) (?:done|finished|complete|over|through)|are you (?:done|finished)|(?:are|is) (?:the |my )?(?:results?|jobs|list|it) (?:ready|done|there)|sind die (?:ergebnisse|treffer|jobs|stellen) (?:schon )?(?:da|fertig)|how far (?:along )?(?:are|is) (?:you|it|the \w+)|wie weit (?:ist|bist)|wo (?:stehst du|stehen wir|steht (?:der|die|das) (?:abruf|suche|lauf|suchlauf))|where are (?:you|we) (?:at|now)|bist du (?:schon )?(?:fertig|durch)|wie l(?:ä|ae)uft|ist die suche (schon )?fertig|ist der lauf)\b/i;
export const SOURCES =
  /\b(sources?|source health|where do (the )?jobs come from|where\b.*\b(?:come|coming) from|where do you (?:get|find|pull|take)|quellen?|jobb(?:ö|oe|o)rsen?|(?:job)?portale?|(?:any|all|which|what|welche|alle) (?:job ?)?(?:boards?|sites?|portals?|seiten)\b(?= (?:are |is |sind |ist )?(?:down|broken|offline|online|kaputt|erreichbar|connected|angebunden|angeschlossen|included|dabei))|(?:von|aus) welche[nmr]? (?:\w+ )?(?:kommen|stammen|holst du|bekommst du|beziehst du|kriegst du)\b|(?:which|what|welche) (?:job ?)?(?:boards?|sites?|websites?|portals?|portale|seiten|webseiten)\b(?= (?:do|did) you (?:use|search|check|read|cover|crawl|scan|pull from|get\b)| (?:nutzt|benutzt|durchsuchst|liest|verwendest|fragst|checkst) du\b)|woher (?:kommen|stammen|hast du|holst du|bekommst du|nimmst du|beziehst du|kriegst du|sind)|(?:von wo|wo) (?:kommen|stammen|hast du|holst du|bekommst du|nimmst du|beziehst du|kriegst du)\b.*\b(?:her|jobs|stellen|angebote|stellenangebote|stellenanzeigen|anzeigen|inserate|daten))\b/i;
// A job board asked about by name ("ist die Arbeitsagentur auch dabei?", "do you search Indeed
// too?", "nutzt du auch StepStone?"): a question whether it is among the sources, not a search.
const BOARD_NAME =
  "(?:bundes)?agentur f(?:ü|ue|u)r arbeit|(?:bundes|arbeits)agentur|ba[- ]jobb(?:ö|oe|o)rse|stepstone|indeed|linkedin|xing|monster|glassdoor|arbeitnow|greenhouse|lever|personio|ashby|smartrecruiters|kimeta|jobware|meinestadt|jobbörse";
export const BOARD = new RegExp(`\\b(?:${BOARD_NAME})\\b`, "i");
export const BOARD_ASKED =
  /\b(?:auch|too|also|as well|dabei|drin|included|covered|connected|angebunden|eingebunden|angeschlossen|working|down|broken|offline|online|kaputt|erreichbar|funktionier\w*|l(?:ä|ae|a)uft|geht)\b|^\W*(?:(?:do|does|did|can|could) (?:you|it)\b|(?:durchsuchst|nutzt|benutzt|fragst|pr(?:ü|ue|u)fst|checkst|nimmst|holst) du\b)/i;
