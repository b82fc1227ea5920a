/** Whether a `DATABASE_URL` names a PostgreSQL server (else the SQLite file is used). */
export const isPostgresUrl = (url: string | undefined): boolean =>
  url !== undefined && /^postgres(ql)?:\/\//.test(url);
