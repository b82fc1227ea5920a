import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export interface WorkspacesTable {
  id: string;
  name: string;
  platform: string;
  created_at: string;
}

export interface UsersTable {
  workspace_id: string;
  id: string;
  display_name: string | null;
  created_at: string;
}

export interface JobsTable {
  /** Integer label shared with the vector index. */
  id: Generated<number>;
  uid: string;
  title: string;
  company: string;
  city: string | null;
  region: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  locations_json: string;
  /** Further places with coordinates, `[[lat, lon], …]` JSON (migration 0025). */
  more_places: string | null;
  remote_mode: string;
  employment_type: string;
  seniority: string;
  salary_min: number | null;
  salary_max: number | null;
  salary_currency: string | null;
  salary_period: string | null;
  language: string;
  posted_at: string | null;
  updated_at: string | null;
  description: string;
  apply_url: string | null;
  canonical_url: string | null;
  content_hash: string;
  status: string;
  first_seen_at: string;
  last_seen_at: string;
}

export interface JobSourcesTable {
  source: string;
  source_id: string;
  job_id: number;
  url: string | null;
  first_seen_at: string;
  last_seen_at: string;
  last_run_id: string | null;
  /** When the source stopped listing the job (null while it lists it). */
  closed_at: string | null;
  /** The run whose complete listing lacked the job (so a retried close is not counted twice). */
  closed_run_id: string | null;
}

/** One copy of a job (one per source reference), indexed for dedupe. */
export interface JobIdentityTable {
  id: Generated<number>;
  source: string;
  source_id: string;
  job_id: number;
  /** Company name without legal form, branch or punctuation. */
  company_key: string;
  /** Title words without gender tags, place, working time and ids, sorted. */
  title_key: string;
  /** Cities (folded, with coordinates and postal code) and countries of the copy. */
  places_json: string;
  /** Seniority read from the title alone. */
  seniority: string;
  employment: string;
  canonical_url: string | null;
  posted_at: string | null;
  desc_len: number;
  /** MinHash signature of the description's word shingles; null when too short to compare. */
  minhash: Buffer | null;
  /** 1 for the copy whose fields the job shows (the richest description). */
  is_primary: Generated<number>;
}

/** The change feed of the job fields search filters on (written by a trigger on `jobs`). */
export interface JobChangesTable {
  seq: Generated<number>;
  job_id: number;
}

export interface JobLshTable {
  band_key: number;
  job_id: number;
}

export interface RunsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  query_json: string;
  sources_json: string;
  status: string;
  stage: string;
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  /** Why the run failed as a code (migration 0027, see `core/failure.ts`); null before, or when it did not. */
  error_code: string | null;
  /** The code's parameters as JSON. */
  error_params: string | null;
  stats_json: string | null;
  /** The requester's personal workspace (their profile's), when it is not the run's. */
  requester_workspace_id: string | null;
}

export interface RunSourcesTable {
  run_id: string;
  source: string;
  status: string;
  pages: Generated<number>;
  fetched: Generated<number>;
  normalized: Generated<number>;
  rejected: Generated<number>;
  new_jobs: Generated<number>;
  updated_jobs: Generated<number>;
  attempts: Generated<number>;
  http_status: number | null;
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
  /** 1 when the fetch listed everything the source has (all pages of a board or feed). */
  complete: Generated<number>;
  closed_jobs: Generated<number>;
  retries: Generated<number>;
  /** HTTP status counts, e.g. `{"200":3,"429":1}`. */
  http_json: string | null;
  duration_ms: number | null;
  /** How people name the source ("Greenhouse n26"), as of the run. */
  label: string | null;
  /** When a failed fetch that will be retried is tried again (ISO). */
  retry_at: string | null;
  /** Where the listing was after the last stored page (migration 0026), see `RunsRepo.resumePoint`. */
  resume_json: string | null;
  /** Why the fetch failed as a code (migration 0027, see `core/failure.ts`); null before, or when it did not. */
  error_code: string | null;
  /** The code's parameters as JSON. */
  error_params: string | null;
}

export interface WorkspaceSourcesTable {
  workspace_id: string;
  key: string;
  kind: string;
  params_json: string;
  label: string;
  added_by: string;
  /** `chat`, `yaml` (seed file) or `config`. */
  origin: Generated<string>;
  enabled: Generated<number>;
  created_at: string;
}

export interface RunItemsTable {
  run_id: string;
  source: string;
  source_id: string;
  raw_json: string;
  posting_json: string | null;
  reject_reason: string | null;
  job_id: number | null;
  /** What dedupe made of the item: `new`, `updated` or `unchanged` job. */
  outcome: string | null;
}

export interface JobVectorsTable {
  /** Monotonic: a process catches its in-memory index up by reading rows with a larger seq. */
  seq: Generated<number>;
  job_id: number;
  embedder: string;
  content_hash: string;
  vector: Buffer;
}

export interface JobMarksTable {
  workspace_id: string;
  user_id: string;
  job_id: number;
  /** `saved` or `hidden`. */
  mark: string;
  created_at: string;
}

/** A saved search: the structured query, its schedule and where its digests go. */
export interface SavedSearchesTable {
  id: string;
  workspace_id: string;
  owner_id: string;
  platform: string;
  name: string;
  query_json: string;
  /** `{"kind":"cron","pattern":"0 9 * * 1"}` or `{"kind":"every","everyMs":3600000}`. */
  schedule_json: string;
  /** IANA time zone the schedule is read in. */
  tz: string;
  /** `dm`, `channel` or `terminal`. */
  target_kind: string;
  target_channel: string | null;
  /** `skip` (post nothing) or `notice` ("nothing new") when a digest has no new jobs. */
  when_empty: string;
  /** `active` or `paused`. */
  status: string;
  paused_reason: string | null;
  /** 1 once the owner was told why the alert paused itself. */
  owner_told: Generated<number>;
  /** Vector `seq` up to which jobs were already considered: later ones are new or changed. */
  boundary_seq: number;
  last_delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One claim per (saved search, due time): the digest for it is posted at most once. */
export interface DigestDeliveriesTable {
  search_id: string;
  /** The scheduled time (ISO), not when it ran. */
  due_at: string;
  /** `claimed`, `posted`, `empty`, `failed` (may be claimed again) or `paused`. */
  status: string;
  claimed_by: string;
  claimed_at: string;
  finished_at: string | null;
  jobs: Generated<number>;
  error: string | null;
}

/** Per member settings (time zone, asked once). */
export interface MemberSettingsTable {
  workspace_id: string;
  user_id: string;
  tz: string | null;
  /** The language the member is answered in ("en", "de"); null until they first write. */
  lang: string | null;
  /** 1 when they chose it ("antworte auf Deutsch"): their messages' language no longer decides. */
  lang_chosen: Generated<number>;
  updated_at: string;
}

/** A CV file waiting to be read into a profile (its bytes are cleared once parsed). */
export interface CvUploadsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  file_name: string;
  mime_type: string | null;
  size: number;
  content_b64: string | null;
  /** `queued`, `parsing`, `done` or `failed`. */
  status: string;
  /** What the person can do, when parsing failed. */
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** One person's profile in one workspace: CV lines, facts pointing at them, stated preferences. */
export interface ProfilesTable {
  workspace_id: string;
  user_id: string;
  version: number;
  source_name: string | null;
  lines_json: string;
  facts_json: string;
  preferences_json: string;
  updated_at: string;
}

/** A job's fit for one person, with what it was computed from. */
export interface FitScoresTable {
  workspace_id: string;
  user_id: string;
  job_id: number;
  total: number;
  breakdown_json: string;
  profile_version: number;
  model_id: string;
  prompt_version: string;
  /** The posting's content hash when scored: a changed job is scored again. */
  content_hash: string;
  created_at: string;
}

/** The store's identity (one row): what keeps installations apart in a shared Redis. */
export interface InstallationTable {
  id: string;
  created_at: string;
}

/** A channel's team settings: shared marks when `team` is 1; who may point alerts at it. */
export interface TeamChannelsTable {
  workspace_id: string;
  channel_id: string;
  team: number;
  /** "admins" or "members". */
  alerts_by: string;
  updated_by: string;
  updated_at: string;
  default_place: string | null;
  default_keywords: string | null;
  default_radius_km: number | null;
  /** "en" or "de": answers in this channel, unless a member chose their own language. */
  lang: string | null;
  /** 1: answer only messages that mention the bot (the default); 0: every message in the channel. */
  mention_only: Generated<number>;
}

/** A member's shared mark on a job in a team channel (claimed, applied, not_relevant). */
export interface TeamMarksTable {
  workspace_id: string;
  channel_id: string;
  job_id: number;
  user_id: string;
  mark: string;
  created_at: string;
}

/** A role granted in chat (owner, admin, member); without a row the platform's admin flag decides. */
export interface MemberRolesTable {
  workspace_id: string;
  user_id: string;
  role: string;
  granted_by: string;
  granted_at: string;
}

/** Who changed what in a workspace (alerts, channel settings, roles). */
export interface AuditLogTable {
  id: Generated<number>;
  workspace_id: string;
  channel_id: string | null;
  actor_id: string;
  action: string;
  subject: string;
  at: string;
}

/** A cover letter as drafted or edited, with what it was checked against and who approved it. */
export interface LettersTable {
  id: string;
  workspace_id: string;
  user_id: string;
  job_id: number;
  lang: string;
  text: string;
  /** The CV lines the letter cites ({ id, text }[]). */
  cited_json: string;
  /** The grounding report of `text`. */
  report_json: string;
  supported: number;
  model: string;
  prompt_version: string;
  /** `draft` or `approved`. */
  status: string;
  /** 1 when the person edited the text. */
  edited: number;
  approved_by: string | null;
  approved_at: string | null;
  /** 1 when the person approved sentences the check could not support. */
  approved_unsupported: number;
  /** sha256 of the text: what was approved is what is exported or sent. */
  hash: string;
  created_at: string;
  updated_at: string;
}

/** Where one person stands with one job: `letter approved`, `exported`, `applied`. */
export interface ApplicationsTable {
  workspace_id: string;
  user_id: string;
  job_id: number;
  status: string;
  letter_id: string | null;
  updated_at: string;
}

/** One mail of an approved letter to one address; the id is derived so a retry sends once. */
export interface SentMailsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  letter_id: string;
  to_address: string;
  /** `sending`, `sent` or `failed`. */
  status: string;
  message_id: string | null;
  error: string | null;
  created_at: string;
  sent_at: string | null;
  /** When the current send was claimed (null on rows from before migration 0021). */
  claimed_at: string | null;
}

/** Who was active in a channel, and where their profile lives (a team's ranking counts them). */
export interface ChannelMembersTable {
  workspace_id: string;
  channel_id: string;
  user_id: string;
  personal_workspace_id: string;
  last_seen_at: string;
}

export interface Database {
  workspaces: WorkspacesTable;
  users: UsersTable;
  jobs: JobsTable;
  job_sources: JobSourcesTable;
  job_identity: JobIdentityTable;
  job_lsh: JobLshTable;
  job_changes: JobChangesTable;
  runs: RunsTable;
  run_sources: RunSourcesTable;
  run_items: RunItemsTable;
  job_vectors: JobVectorsTable;
  job_marks: JobMarksTable;
  workspace_sources: WorkspaceSourcesTable;
  saved_searches: SavedSearchesTable;
  digest_deliveries: DigestDeliveriesTable;
  member_settings: MemberSettingsTable;
  cv_uploads: CvUploadsTable;
  profiles: ProfilesTable;
  fit_scores: FitScoresTable;
  installation: InstallationTable;
  team_channels: TeamChannelsTable;
  team_marks: TeamMarksTable;
  member_roles: MemberRolesTable;
  audit_log: AuditLogTable;
  letters: LettersTable;
  applications: ApplicationsTable;
  sent_mails: SentMailsTable;
  channel_members: ChannelMembersTable;
}

export type JobRow = Selectable<JobsTable>;
export type NewJobRow = Insertable<JobsTable>;
export type JobUpdate = Updateable<JobsTable>;
export type RunRow = Selectable<RunsTable>;
export type RunSourceRow = Selectable<RunSourcesTable>;
