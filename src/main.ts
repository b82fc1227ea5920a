import { Command } from "commander";
import { AppError, describeError } from "./core/errors.js";
import { VERSION } from "./core/version.js";

// Commands load their modules only when run (fast --help).

/** Run a command and exit with its code; errors print one clear line (the stack only for bugs). */
function run(fn: () => Promise<number>): () => Promise<void> {
  return async () => {
    try {
      process.exitCode = await fn();
    } catch (err) {
      const known = err instanceof AppError;
      process.stderr.write(`jobscout: ${describeError(err)}\n`);
      if (!known && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
      process.exitCode = 1;
    }
    // Open handles (sockets mid-close) must not keep a finished command alive.
    setTimeout(() => process.exit(), 2000).unref();
  };
}

const program = new Command()
  .name("jobscout")
  .description("Chat-driven job search: ask for jobs, get ranked matches from fresh postings.")
  .version(VERSION);

program
  .command("start")
  .description(
    "everything in one process: workers plus Slack/Discord when their tokens are set, else the terminal chat",
  )
  .action(run(async () => (await import("./commands/start.js")).startCommand()));
program
  .command("worker")
  .description("pipeline workers only (scale-out; share Redis and the data dir)")
  .action(run(async () => (await import("./commands/worker.js")).workerCommand()));
program
  .command("chat")
  .description("interactive chat in this terminal")
  .option("--no-workers", "do not run pipeline workers in this process (use `jobscout worker` elsewhere)")
  .action((opts: { workers: boolean }) =>
    run(async () => (await import("./commands/chat.js")).chatCommand(opts))(),
  );
program
  .command("ask")
  .description('answer one question, e.g. jobscout ask "find me jobs in Berlin"')
  .argument("<question...>", "what to ask (after -- when it starts with “-”)")
  .option("--no-workers", "do not run pipeline workers in this process")
  // "-remote python jobs" is a question, not an option.
  .allowUnknownOption(true)
  .action((words: string[], opts: { workers: boolean }) =>
    run(async () => (await import("./commands/ask.js")).askCommand(words.join(" "), opts))(),
  );
program
  .command("import")
  .description("import postings from a JSONL file (unified schema) or a JobSpy CSV export")
  .argument("<file>", "path to the .jsonl or .csv file")
  .option("--no-workers", "do not run pipeline workers in this process")
  .option("--no-wait", "queue the import and return at once")
  .action((file: string, opts: { workers: boolean; wait: boolean }) =>
    run(async () => (await import("./commands/import.js")).importCommand(file, opts))(),
  );

const profile = program.command("profile").description("your profile, read from your CV (PDF, DOCX or text)");
profile
  .command("import")
  .description("read a CV into your profile (as “profile set FILE” does in the chat)")
  .argument("<file>", "path to the CV: .pdf with text, .docx, .txt or .md")
  .option("--no-workers", "do not run pipeline workers in this process (use `jobscout worker` elsewhere)")
  .action((file: string, opts: { workers: boolean }) =>
    run(async () => (await import("./commands/profile.js")).profileImportCommand(file, opts))(),
  );

const digest = program.command("digest").description("saved searches' digests");
digest
  .command("run")
  .description("run one of your alerts' digests now and print it (by its name or number)")
  .argument("<name...>", 'the alert\'s name or number, as `jobscout ask "list my alerts"` shows them')
  .option("--no-workers", "do not run pipeline workers in this process")
  .action((words: string[], opts: { workers: boolean }) =>
    run(async () => (await import("./commands/digest.js")).digestRunCommand(words.join(" "), opts))(),
  );

program
  .command("reindex")
  .description(
    "embed the stored jobs with the configured embedder (after changing JOBSCOUT_EMBEDDER or the model)",
  )
  .action(run(async () => (await import("./commands/reindex.js")).reindexCommand()));

program
  .command("dashboard")
  .description("the dashboard in the browser only (a process role; JOBSCOUT_DASHBOARD_PORT, default 7070)")
  .action(run(async () => (await import("./commands/dashboard.js")).dashboardCommand()));

program
  .command("slack")
  .description("the Slack bot only (a process role; run workers with `jobscout worker`)")
  .option("--workers", "also run pipeline workers in this process", false)
  .action((opts: { workers: boolean }) =>
    run(async () => (await import("./commands/surfaces.js")).surfaceRoleCommand("slack", opts))(),
  );

const discord = program.command("discord").description("the Discord bot (a process role) and its set-up");
discord
  .command("run", { isDefault: true })
  .description("run the Discord bot only (run workers with `jobscout worker`)")
  .option("--workers", "also run pipeline workers in this process", false)
  .action((opts: { workers: boolean }) =>
    run(async () => (await import("./commands/surfaces.js")).surfaceRoleCommand("discord", opts))(),
  );
discord
  .command("register")
  .description(
    "register the /jobs slash command (in one guild with --guild or DISCORD_GUILD_ID: instant; else globally)",
  )
  .option("--guild <id>", "register in this guild only")
  .action((opts: { guild?: string }) =>
    run(async () => (await import("./commands/discord-register.js")).discordRegisterCommand(opts))(),
  );

program
  .command("mock")
  .description(
    "local stand-ins for the paid services: an OpenAI-compatible API, LlamaParse and an SMTP receiver (development, demos, tests)",
  )
  .argument("[service]", "openai, llamaparse, smtp or all", "all")
  .option("--host <address>", "address to listen on", "127.0.0.1")
  .option("--openai-port <port>", "port of the OpenAI stand-in", "8790")
  .option("--llamaparse-port <port>", "port of the LlamaParse stand-in", "8791")
  .option("--latency <ms>", "median answer time of the OpenAI stand-in", "600")
  .option("--latency-p95 <ms>", "95th percentile answer time", "2500")
  .option("--rpm <n>", "requests per minute per key (0: unlimited)", "500")
  .option("--tpm <n>", "tokens per minute per key (0: unlimited)", "200000")
  .option("--quota <tokens>", "tokens per key in all before 429 insufficient_quota (0: none)", "0")
  .option("--faults <kind=rate,…>", "injected faults: 500, 503, timeout, truncate, bad_tool_args", "")
  .option("--invent <rate>", "share of cover letters the OpenAI stand-in writes with an invented claim", "0")
  .option("--seed <n>", "seed of latencies and faults (a run repeats)", "1")
  .option("--keys <k1,k2>", "accepted API keys (default: any)")
  .option("--ms-per-page <ms>", "LlamaParse processing time per page", "1000")
  .option("--queue-ms <ms>", "LlamaParse time before a job runs", "500")
  .option("--uploads <n>", "LlamaParse uploads per key per 10 s before 429", "50")
  .option("--credits <pages>", "LlamaParse pages per key before 402 (0: unlimited)", "0")
  .option("--fail-rate <p>", "share of LlamaParse jobs that fail", "0")
  .option("--smtp-port <port>", "port of the SMTP receiver", "1025")
  .option("--mail-dir <dir>", "folder the SMTP receiver keeps each mail in (.eml)", "mails")
  .action((service: string, opts: import("./commands/mock.js").MockCommandOptions) =>
    run(async () => {
      const mock = await import("./commands/mock.js");
      return mock.mockCommand(service, opts, mock.processIo());
    })(),
  );

await program.parseAsync(process.argv);
