import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`: the database's write lock is taken first, so no
 * other connection or process writes between what `work` reads and what it writes. Synchronous on
 * purpose: nothing else on this connection runs in between either. The transaction is rolled back
 * when `work` throws (the error is rethrown) or when `keep` says its result is not to be kept.
 */
export function immediateTransaction<T>(db: DatabaseSync, work: () => T, keep: (result: T) => boolean = () => true): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec(keep(result) ? 'COMMIT' : 'ROLLBACK');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * `db.prepare` with each statement kept for the next call: preparing costs more than running a
 * small query. One per connection.
 */
export function statementCache(db: DatabaseSync): (sql: string) => StatementSync {
  const statements = new Map<string, StatementSync>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
