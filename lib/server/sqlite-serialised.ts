// One lock for every SQLite access in this process.
//
// Prisma's better-sqlite3 adapter shares one connection for the whole process and only its
// interactive transactions take a lock. A plain query made while another request's transaction is
// open (across an await of a timer, a fetch, a file) would run on the same connection, inside that
// transaction: it would read uncommitted rows, and its write would vanish if the transaction rolled
// back. This wrapper makes that impossible by construction: every statement outside a transaction,
// and every transaction from BEGIN to COMMIT or ROLLBACK, holds the same FIFO lock. Transactions begin
// with BEGIN IMMEDIATE, so a second process (the CLI) makes us wait on the busy timeout at BEGIN
// instead of failing later when a read lock would need upgrading to a write lock.
//
// A query on the outer client made from inside a transaction's callback would wait for the lock its
// own transaction holds, until Prisma's transaction timeout rolls the transaction back. The lint gate
// refuses `db()` inside the callback of `audited` and `serialisedTransaction` (eslint.config.mjs).
// (A run-time check with AsyncLocalStorage cannot tell: Prisma batches queries from parallel requests
// and dispatches them in the async context of whichever came first.)
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";

/** A first-come, first-served lock; `acquire` resolves with the function that releases it (once). */
export class FifoLock {
  #tail: Promise<void> = Promise.resolve();
  #held = false;

  get held(): boolean {
    return this.#held;
  }

  acquire(): Promise<() => void> {
    let open!: () => void;
    const done = new Promise<void>((resolve) => (open = resolve));
    const turn = this.#tail.then(() => {
      this.#held = true;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        this.#held = false;
        open();
      };
    });
    this.#tail = this.#tail.then(() => done);
    return turn;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

class SerialisedTransaction implements Transaction {
  readonly provider;
  readonly adapterName;
  readonly options = { usePhantomQuery: false };

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly release: () => void,
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  // Prisma sends COMMIT or ROLLBACK through executeRaw first; these only end our hold on the lock.
  commit(): Promise<void> {
    this.release();
    return Promise.resolve();
  }

  rollback(): Promise<void> {
    this.release();
    return Promise.resolve();
  }

  async createSavepoint(name: string): Promise<void> {
    await this.inner.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] });
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.inner.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] });
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.inner.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] });
  }
}

class SerialisedAdapter implements SqlDriverAdapter {
  readonly provider;
  readonly adapterName;
  readonly lock = new FifoLock();
  readonly getConnectionInfo?: SqlDriverAdapter["getConnectionInfo"];

  constructor(private readonly inner: SqlDriverAdapter) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
    if (inner.getConnectionInfo) this.getConnectionInfo = () => inner.getConnectionInfo!();
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.lock.run(() => this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.lock.run(() => this.inner.executeRaw(query));
  }

  executeScript(script: string): Promise<void> {
    return this.lock.run(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") {
      // SQLite transactions are serialisable; asking for less is the caller's mistake, as in Prisma's adapter.
      throw new Error(`SQLite supports only the SERIALIZABLE isolation level, not ${isolationLevel}.`);
    }
    const release = await this.lock.acquire();
    try {
      await this.inner.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] });
    } catch (error) {
      release();
      throw error;
    }
    return new SerialisedTransaction(this.inner, release);
  }

  dispose(): Promise<void> {
    return this.lock.run(() => this.inner.dispose());
  }
}

/** Wraps an SQLite adapter factory so that every connection it makes serialises all access through one lock. */
export function serialisedSqlite(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      return new SerialisedAdapter(await factory.connect());
    },
  };
}
