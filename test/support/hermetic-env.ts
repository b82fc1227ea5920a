// Runs first in every test worker (vitest setupFiles). The person running `npm test` may have API
// keys and jobscout settings exported (OPENAI_API_KEY, SLACK_BOT_TOKEN, JOBSCOUT_*, REDIS_URL, …);
// libraries read some of them straight from process.env (the OpenAI SDK its key and base URL,
// LangChain its tracing switch). Tests state their whole configuration instead, so these go.
const DROP =
  /^(OPENAI_|SLACK_|DISCORD_|JOBSCOUT_|LANGCHAIN_|LANGSMITH_|LLAMA_|ANTHROPIC_|AZURE_OPENAI_)|_(BASE_URL|API_URL|API_KEY)$|^(REDIS_URL|DATABASE_URL)$/;

for (const k of Object.keys(process.env)) {
  if (DROP.test(k)) delete process.env[k];
}
