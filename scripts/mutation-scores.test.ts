import { describe, expect, it } from "vitest";
import { failing, folderOf, scores, type MutationReport } from "./mutation-scores";

const mutants = (spec: Record<string, number>) =>
  Object.entries(spec).flatMap(([status, n]) => Array.from({ length: n }, () => ({ status }))) as MutationReport["files"][string]["mutants"];

describe("mutation scores", () => {
  it("counts timeouts as killed, uncovered mutants as survivors, and leaves ignored and broken mutants out", () => {
    const report: MutationReport = {
      files: {
        "lib/core/a.ts": {
          mutants: [
            ...mutants({ Killed: 6, Timeout: 2, Survived: 1, NoCoverage: 1, CompileError: 3, RuntimeError: 1 }),
            ...Array.from({ length: 4 }, () => ({ status: "Ignored" as const, statusReason: 'Static mutant (and "ignoreStatic" was enabled)' })),
            { status: "Ignored" as const, statusReason: "equivalent: the loop ends either way" },
            { status: "Ignored" as const, statusReason: "equivalent: a static table's fallback is never reached" },
          ],
        },
        "lib/core/report/b.ts": { mutants: mutants({ Killed: 9, Survived: 1 }) },
        "lib/server/c.ts": { mutants: mutants({ Killed: 3, Survived: 1 }) },
      },
    };
    const { folders, files } = scores(report);
    expect(files.map((f) => [f.name, f.score])).toEqual([
      ["lib/core/a.ts", 80],
      ["lib/core/report/b.ts", 90],
      ["lib/server/c.ts", 75],
    ]);
    expect(files[0]).toMatchObject({ killed: 8, survived: 1, noCoverage: 1, static: 4, excluded: 2 });
    // lib/core/report counts towards lib/core: 17 killed of 20.
    expect(folders.map((f) => [f.name, f.score])).toEqual([
      ["lib/core", 85],
      ["lib/server", 75],
    ]);
    expect(failing(folders)).toEqual([]);
  });

  it("fails a folder just below its threshold, and a folder with no mutants at all", () => {
    const { folders } = scores({
      files: { "lib/core/a.ts": { mutants: mutants({ Killed: 84, Survived: 16 }) } },
    });
    expect(failing(folders).map((f) => [f.name, f.score])).toEqual([
      ["lib/core", 84],
      ["lib/server", null],
    ]);
  });

  it("puts a file in the folder whose path it starts with, not one that only shares a prefix", () => {
    expect(folderOf("lib/core/report/html.ts")).toBe("lib/core");
    expect(folderOf("lib/server/claims.ts")).toBe("lib/server");
    expect(folderOf("lib/core-extra/x.ts")).toBeNull();
    expect(folderOf("lib\\server\\claims.ts")).toBe("lib/server");
  });
});
