// node-postgres as the store reads it. Loaded only when a PostgreSQL store is configured: the SQLite
// default needs none of it (nor its parsers) at start.
import pg from "pg";

// bigint (count, bigserial) as a JS number: ids and counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export default pg;
