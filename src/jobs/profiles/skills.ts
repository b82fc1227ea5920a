// The skill words jobscout recognises in CVs and postings, German and English. A skill is found by
// its canonical name or an alias, as a whole word of the folded text (so "Java" is not "JavaScript").
import { foldText } from "../../core/text.js";

/** Canonical name, then aliases (any case; matched folded). */
const SKILLS: ReadonlyArray<readonly string[]> = [
  ["Python"],
  ["Java"],
  ["JavaScript", "JS", "ECMAScript"],
  ["TypeScript"],
  ["Go", "Golang"],
  ["Rust"],
  ["C++", "cpp"],
  ["C#", "csharp", ".NET", "dotnet"],
  ["PHP"],
  ["Ruby"],
  ["Kotlin"],
  ["Swift"],
  ["Scala"],
  ["R"],
  ["SQL"],
  ["PostgreSQL", "Postgres"],
  ["MySQL"],
  ["MongoDB"],
  ["Redis"],
  ["Elasticsearch"],
  ["Oracle"],
  ["Bash", "Shell"],
  ["PowerShell"],
  ["Linux"],
  ["Windows Server"],
  ["Unix"],
  ["Docker"],
  ["Kubernetes", "k8s"],
  ["Terraform"],
  ["Ansible"],
  ["Jenkins"],
  ["GitLab"],
  ["Git"],
  ["CI/CD", "continuous integration"],
  ["AWS", "Amazon Web Services"],
  ["Azure"],
  ["GCP", "Google Cloud"],
  ["Spark", "Apache Spark"],
  ["Kafka", "Apache Kafka"],
  ["Airflow", "Apache Airflow"],
  ["Hadoop"],
  ["React"],
  ["Angular"],
  ["Vue", "Vue.js"],
  ["Node.js", "NodeJS"],
  ["Spring", "Spring Boot"],
  ["Django"],
  ["Flask"],
  ["FastAPI"],
  ["GraphQL"],
  ["REST", "RESTful"],
  ["Microservices"],
  ["Machine Learning", "ML"],
  ["Deep Learning"],
  ["PyTorch"],
  ["TensorFlow"],
  ["pandas"],
  ["NLP"],
  ["LLM", "LLMs"],
  ["Data Science"],
  ["Tableau"],
  ["Power BI", "PowerBI"],
  ["Excel"],
  ["SAP"],
  ["Salesforce"],
  ["Jira"],
  ["Scrum"],
  ["Agile", "agil"],
  ["SIEM"],
  ["Splunk"],
  ["SOC", "Security Operations Center", "Security Operation Center"],
  ["Penetration Testing", "Pentesting", "Pentest", "Penetrationstests"],
  ["ISO 27001"],
  ["BSI IT-Grundschutz", "IT-Grundschutz"],
  ["Incident Response"],
  ["Threat Intelligence"],
  ["Forensics", "Forensik"],
  ["Firewall", "Firewalls"],
  ["Network Security", "Netzwerksicherheit"],
  ["Cloud Security"],
  ["IAM", "Identity and Access Management"],
  ["Vulnerability Management", "Schwachstellenmanagement"],
  ["Cryptography", "Kryptographie", "Kryptografie"],
  ["OT Security", "ICS"],
  ["Active Directory"],
  ["TCP/IP"],
  ["Networking", "Netzwerke", "Netzwerktechnik"],
  ["Risk Management", "Risikomanagement"],
  ["Compliance"],
  ["GDPR", "DSGVO"],
  ["NIS2"],
  ["CISSP"],
  ["OSCP"],
  ["Intensivpflege", "intensive care"],
  ["Anästhesie", "anaesthesia", "anesthesia"],
  ["Wundversorgung", "wound care"],
  ["Altenpflege", "elderly care"],
  ["Krankenpflege", "nursing"],
  ["Dokumentation", "documentation"],
  ["Buchhaltung", "bookkeeping", "accounting"],
  ["DATEV"],
  ["Lohnbuchhaltung", "payroll"],
  ["Controlling"],
  ["Vertrieb", "sales"],
  ["Kundenservice", "customer service"],
  ["Marketing"],
  ["SEO"],
  ["Projektmanagement", "project management"],
  ["Elektrotechnik", "electrical engineering"],
  ["SPS", "PLC"],
  ["CAD", "AutoCAD"],
  ["Schweißen", "welding"],
  ["Staplerschein", "forklift licence", "Gabelstapler"],
  ["Führerschein", "driving licence", "driver's license"],
  ["Logistik", "logistics"],
  ["Lager", "warehouse"],
  ["Reinigung", "cleaning"],
  ["Gastronomie", "hospitality"],
  ["Kochen", "cooking"],
  ["Pädagogik", "pedagogy"],
  ["Erzieher", "childcare"],
];

export interface SkillMatch {
  skill: string;
  /** Start and end (exclusive) in the folded text. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One regex over every alias, longest first, each bounded by non-word characters. */
const ALIASES: Array<{ folded: string; skill: string }> = SKILLS.flatMap(([canon, ...aliases]) =>
  [canon!, ...aliases].map((a) => ({ folded: foldText(a), skill: canon! })),
).sort((a, b) => b.folded.length - a.folded.length);
const BY_ALIAS = new Map(ALIASES.map((a) => [a.folded, a.skill]));
const PATTERN = new RegExp(ALIASES.map((a) => escape(a.folded)).join("|"), "g");

/** Skills named in already-folded text, in order, with where they stand. */
export function skillsInFolded(folded: string): SkillMatch[] {
  const out: SkillMatch[] = [];
  for (const m of folded.matchAll(PATTERN)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = folded[start - 1] ?? " ";
    const after = folded[end] ?? " ";
    // "c++"/"c#" end on a symbol; a word character on either side means it is part of a longer word.
    if (WORD.test(before) || WORD.test(after)) continue;
    // A lone "r"/"go" is too common in prose to count unless listed with others ("R, Python").
    if (
      (m[0] === "r" || m[0] === "go") &&
      !/[,/(]\s*$/.test(folded.slice(Math.max(0, start - 2), start)) &&
      !/^\s*[,/)]/.test(folded.slice(end, end + 2))
    )
      continue;
    const skill = BY_ALIAS.get(m[0]);
    if (skill) out.push({ skill, start, end });
  }
  return out;
}

/** The distinct skills named in a text. */
export function skillsIn(text: string): string[] {
  return [...new Set(skillsInFolded(foldText(text)).map((m) => m.skill))];
}

/** The canonical name of a skill a person names ("k8s" → "Kubernetes"), or the words as given. */
export function canonicalSkill(name: string): string {
  return BY_ALIAS.get(foldText(name)) ?? name.trim();
}

/** Every alias of a canonical skill, folded (for finding it in CV lines). */
export function aliasesOf(skill: string): string[] {
  const f = foldText(skill);
  const found = ALIASES.filter((a) => a.skill === skill).map((a) => a.folded);
  return found.length > 0 ? found : [f];
}
