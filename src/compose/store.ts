import type { Config } from "../config/config.js";
import { openDb, type Db } from "../store/db.js";
import { DeliveriesRepo } from "../store/deliveries.repo.js";
import { InstallationRepo } from "../store/installation.repo.js";
import { JobsRepo } from "../store/jobs.repo.js";
import { MemberSettingsRepo } from "../store/member-settings.repo.js";
import { SavedSearchesRepo } from "../store/saved-searches.repo.js";
import { FitScoresRepo } from "../store/fit-scores.repo.js";
import { LettersRepo } from "../store/letters.repo.js";
import { MarksRepo } from "../store/marks.repo.js";
import { ProfilesRepo } from "../store/profiles.repo.js";
import { RunItemsRepo } from "../store/run-items.repo.js";
import { RunsRepo } from "../store/runs.repo.js";
import { VectorsRepo } from "../store/vectors.repo.js";
import { WorkspacesRepo } from "../store/workspaces.repo.js";
import { AuditRepo } from "../store/audit.repo.js";
import { RolesRepo } from "../store/roles.repo.js";
import { TeamsRepo } from "../store/teams.repo.js";
import type { Closers } from "./lifecycle.js";

/** The database with migrations applied and its repositories. Every role has one. */
export interface Store {
  db: Db;
  jobs: JobsRepo;
  runs: RunsRepo;
  items: RunItemsRepo;
  vectors: VectorsRepo;
  workspaces: WorkspacesRepo;
  marks: MarksRepo;
  savedSearches: SavedSearchesRepo;
  deliveries: DeliveriesRepo;
  members: MemberSettingsRepo;
  profiles: ProfilesRepo;
  fits: FitScoresRepo;
  installation: InstallationRepo;
  teams: TeamsRepo;
  roles: RolesRepo;
  audit: AuditRepo;
  letters: LettersRepo;
}

export async function composeStore(config: Config, closers: Closers): Promise<Store> {
  const db = await openDb({
    file: config.sqlitePath,
    url: config.postgresUrl,
    busyTimeoutMs: config.JOBSCOUT_DB_BUSY_MS,
  });
  closers.add(() => db.close());
  return {
    db,
    jobs: new JobsRepo(db),
    runs: new RunsRepo(db),
    items: new RunItemsRepo(db),
    vectors: new VectorsRepo(db),
    workspaces: new WorkspacesRepo(db),
    marks: new MarksRepo(db),
    savedSearches: new SavedSearchesRepo(db),
    deliveries: new DeliveriesRepo(db),
    members: new MemberSettingsRepo(db),
    profiles: new ProfilesRepo(db),
    fits: new FitScoresRepo(db),
    installation: new InstallationRepo(db),
    teams: new TeamsRepo(db),
    roles: new RolesRepo(db),
    audit: new AuditRepo(db),
    letters: new LettersRepo(db),
  };
}
