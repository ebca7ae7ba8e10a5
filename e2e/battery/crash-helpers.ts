// Helpers for the crash battery (crash.spec.ts): a server process of our own, started exactly as
// Playwright's webServer starts the app, on its own port and its own SQLite file, and the means to find
// and kill -9 every process that holds that database file open.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { SQLITE_COMPANION_SUFFIXES } from "../../lib/server/data-dir";

export interface CrashServer {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the process wrote, for the error message when it fails to start. */
  output: () => string;
  exited: Promise<void>;
}

export interface CrashServerOptions {
  port: number;
  /** Path of the SQLite file, relative to the worktree (the server's working directory). */
  file: string;
}

/** Removes the crash database and its -wal, -shm and -journal companions. */
export function removeDatabase(file: string) {
  for (const suffix of ["", ...SQLITE_COMPANION_SUFFIXES]) rmSync(file + suffix, { force: true });
}

/** Starts `tsx scripts/start.ts` as playwright.config.ts's webServer does, in its own process group. */
export function startServer({ port, file }: CrashServerOptions): CrashServer {
  const baseUrl = `http://localhost:${port}`;
  const child = spawn("node_modules/.bin/tsx", ["scripts/start.ts"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: `file:./${file}`,
      FACTCHECK_DEMO: "1",
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456789",
      NEXTAUTH_URL: baseUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      FACTCHECK_SECURITY_LOG: "off",
    },
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, baseUrl, output: () => output, exited };
}

/** A GET on a connection of its own (no keep-alive pool to hand a dead server's socket back). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent: false, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("error", reject);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Waits until the server answers `path` (its sign-in page by default), and returns that first answer;
 * fails with the server's output if the process ends first.
 */
export async function waitUntilReady(server: CrashServer, path = "/sign-in", headers: Record<string, string> = {}, attempts = 1000) {
  let ended = false;
  void server.exited.then(() => (ended = true));
  for (let i = 0; i < attempts; i++) {
    if (ended) throw new Error(`the crash server exited before it was ready:\n${server.output()}`);
    try {
      return await get(`${server.baseUrl}${path}`, headers);
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the crash server was not ready after ${attempts} attempts:\n${server.output()}`);
}

/** The process ids in the tree under `root` (itself included), from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** Which of `pids` hold the database file (or its -wal/-shm companions) open. */
export function holdersOf(file: string, pids: number[]): number[] {
  const absolute = path.resolve(file);
  const names = new Set(["", ...SQLITE_COMPANION_SUFFIXES].map((suffix) => absolute + suffix));
  return pids.filter((pid) => {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      return false;
    }
    return fds.some((fd) => {
      try {
        return names.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
  });
}

/**
 * kill -9 of every process in the server's tree that holds the database; returns their ids and how
 * many processes the tree had. The rest of the tree (tsx's launcher) is ended afterwards by stop().
 */
export function killDatabaseHolders(server: CrashServer, file: string): { holders: number[]; tree: number } {
  const tree = processTree(server.child.pid!);
  const holders = holdersOf(file, tree);
  for (const pid of holders) process.kill(pid, "SIGKILL");
  return { holders, tree: tree.length };
}

/** Ends whatever is left of the server's process group (ours: spawned detached) and waits for it. */
export async function stop(server: CrashServer) {
  try {
    process.kill(-server.child.pid!, "SIGKILL");
  } catch {
    // Already gone.
  }
  await server.exited;
}
