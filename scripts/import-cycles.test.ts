// No module of lib/ imports itself back through others. In a cycle, whichever module loads first sees
// the others half-initialised: a constant read at load time (a Prisma `include` built from another
// module's) is "not initialized" in one entry point (the CLI) and fine in another (the tests), so the
// bug shows only in production. Type-only imports vanish at build time and do not count.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") continue;
    if (statSync(full).isDirectory()) sources(full, out);
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

/** The lib/ modules a module imports for their values (not `import type`, not `import { type A }` alone). */
export function valueImports(file: string, source: string, known: ReadonlySet<string>): string[] {
  const deps: string[] = [];
  for (const match of source.matchAll(/^import (?!type )([^;"]*)"([^"]+)"/gm)) {
    const [, imported = "", spec = ""] = match;
    const clause = imported.replace(/from\s*$/, "").trim();
    const names = /^\{([^}]*)\}$/.exec(clause)?.[1];
    if (names !== undefined && names.split(",").every((n) => n.trim() === "" || n.trim().startsWith("type "))) continue;
    const base = spec.startsWith("@/") ? path.join(root, spec.slice(2)) : spec.startsWith(".") ? path.join(path.dirname(file), spec) : null;
    if (!base) continue;
    const target = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((c) => known.has(c));
    if (target) deps.push(target);
  }
  return deps;
}

/** Every cycle found by a depth-first walk, each as the chain of files that closes it. */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (state.get(dep) === "open") found.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

it("finds a cycle where there is one, and only then", () => {
  expect(cycles(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]]]))).toEqual([["a", "b", "c", "a"]]);
  expect(cycles(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  const known = new Set([path.join(root, "lib/x.ts"), path.join(root, "lib/y.ts")]);
  const file = path.join(root, "lib/x.ts");
  expect(valueImports(file, `import { a } from "./y";`, known)).toEqual([path.join(root, "lib/y.ts")]);
  expect(valueImports(file, `import { a, type B } from "@/lib/y";`, known)).toEqual([path.join(root, "lib/y.ts")]);
  expect(valueImports(file, `import type { A } from "./y";\nimport { type B } from "./y";\nimport fs from "node:fs";`, known)).toEqual([]);
});

it("has no import cycle among the modules of lib/", () => {
  const files = sources(path.join(root, "lib"));
  const known = new Set(files);
  const graph = new Map(files.map((f) => [f, valueImports(f, readFileSync(f, "utf8"), known)]));
  expect(cycles(graph).map((cycle) => cycle.map((f) => path.relative(root, f)).join(" → "))).toEqual([]);
});
