import type { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';

/**
 * Insert-or-replace without a transaction (portable across SQLite, PostgreSQL and SQL Server, and safe with
 * concurrent callers on one SQLite connection, where TypeORM cannot nest transactions): update first; insert if
 * nothing was there; if a concurrent insert won, update again.
 */
export async function putRow<T extends ObjectLiteral>(repo: Repository<T>, key: FindOptionsWhere<T>, row: T): Promise<void> {
  const updated = await repo.update(key, row as never);
  if (updated.affected) return;
  try {
    await repo.insert(row as never);
  } catch (err) {
    const retried = await repo.update(key, row as never);
    if (!retried.affected) throw err;
  }
}
