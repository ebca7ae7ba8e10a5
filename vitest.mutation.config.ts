// The unit tests as the mutation run (`npm run test:mutation`, stryker.config.mjs) uses them: those of
// the part under test (MUTATION_PART: lib/core's or lib/server's), less those that cannot see a mutant
// or cannot run in Stryker's sandbox.
// - scripts/ and prisma/ tests run the CLI and the migrations in child processes, which load the
//   sources without Stryker's switch, so they run the unmutated code and only cost time.
// - The W3C conformance test reads ../shared/conformance beside the project, which the sandbox (a copy
//   one folder deeper) does not have; web-annotation.ts is not in the mutation scope.
// - The PDF tests render whole PDFs once before all their tests: that makes every line of the scope a
//   PDF touches (segments, report text, verdicts) "static" to Stryker, which then re-runs every related
//   test for each of its mutants. pdf.ts is not in the scope; the HTML and unit tests cover those lines.
// Files run one at a time and stop at the first failure, so the order decides how soon a mutant dies:
// the pure tests first, smallest first, and the tests that set up a database last.
import { readFileSync } from "node:fs";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import base from "./vitest.config";

function cost(file: string): [number, number] {
  const text = readFileSync(file, "utf8");
  return [/describeOnDatabases|applyMigrations/.test(text) ? 1 : 0, text.length];
}

class CheapestFirst extends BaseSequencer {
  override sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const costs = new Map(files.map((f) => [f.moduleId, cost(f.moduleId)]));
    const key = (f: TestSpecification) => costs.get(f.moduleId)!;
    return Promise.resolve([...files].sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || a.moduleId.localeCompare(b.moduleId)));
  }
}

// Spread, not mergeConfig: mergeConfig would add these lists to the base's instead of replacing them.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [`lib/${process.env.MUTATION_PART ?? "core"}/**/*.test.ts`],
    exclude: ["**/node_modules/**", "lib/core/report/web-annotation.conformance.test.ts", "lib/core/report/pdf.test.ts"],
    sequence: { sequencer: CheapestFirst },
    // Stryker's initial run measures coverage test by test through instrumented code: the long tests
    // (1,000 claims anchored) take a hundred times their usual second, more on a busy machine.
    testTimeout: 240_000,
  },
});
