// Mutation testing (`npm run test:mutation`, scripts/mutation.sh): StrykerJS makes small bugs in the
// files below, one at a time, and runs the unit tests that cover each; a bug no test notices "survives".
// The scope is what matters most, because a run over all of lib/ would take hours here: each file has
// its reason. It runs in two parts, MUTATION_PART=core and =server: the core's mutants are tried against
// the core's own (pure, fast) tests only, not against every database test that happens to call them.
// Scores per folder and the thresholds CI holds them to: scripts/mutation-scores.ts.
// A mutant that cannot change behaviour (an equivalent mutant) is excluded where it is, with a
// `// Stryker disable next-line <mutator>: <reason>` comment; never to reach a number.

/** @type {Record<"core" | "server", Record<string, string>>} part → file (or file:lines) → why it is in scope */
export const SCOPE = {
  // lib/core: the pure rules everything else trusts.
  core: {
    "lib/core/audit-chain.ts": "the hash chain is the audit trail's tamper evidence",
    "lib/core/canonical-json.ts": "the bytes every audit hash is computed over",
    "lib/core/text.ts": "canonical article text and code-point offsets every anchor is stored in",
    "lib/core/text-units.ts": "word and sentence spans of the keyboard path of marking a claim",
    "lib/core/anchoring.ts": "a claim's quote and position, resolved back to the text",
    "lib/core/fuzzy-anchor.ts": "imported and moved quotes matched by quote and context",
    "lib/core/segments.ts": "how overlapping claims are laid over the text the reviewer reads",
    "lib/core/word-diff.ts": "what a revision changed, word by word, and where old positions went",
    "lib/core/reanchor.ts": "where each claim is after its article's text changed, and which go back to review",
    "lib/core/claim.ts": "a claim's rules: verdicts, statuses and what moves them, labels, the audit snapshot",
    "lib/core/roles.ts": "who may do what: every permission check reads this table",
    "lib/core/agreement.ts": "how far reviewers agree: Krippendorff's alpha and percentage agreement",
    "lib/core/assignment.ts": "who may edit an article that requires assignment, due times, what a queue shows",
    "lib/core/review.ts": "blind review: whose assessments and comments each person sees, everywhere; when a claim is assessed",
    "lib/core/comment.ts": "who a comment mentions (their queue), which words of it become links (http(s) only)",
    "lib/core/report/report-text.ts": "the reports' escaping and audience filtering (notes, emails)",
    "lib/core/report/html-links.ts": "which URLs in a report become links (http(s) only)",
    "lib/core/report/csv.ts": "the CSV writer: quoting and formula-injection defusing",
  },
  // lib/server: the writes and the checks of who is acting.
  server: {
    "lib/server/claims.ts": "every claim and source write, its permission check and its audit event; final verdicts, approval (never one's own), corrections",
    "lib/server/assignments.ts": "assignments, their audit events, the assignment check of every claim write, queues",
    "lib/server/assessments.ts": "reviewers' own assessments, their audit events, what blind review withholds from the API and the audit trail",
    "lib/server/comments.ts": "the discussion's writes, whose comment each person may change, mentions in queues, what blind review withholds",
    "lib/server/audit.ts": "the audit append: sequence, previous hash, stored snapshot",
    "lib/server/sign-in.ts": "password sign-in and its throttle",
    "lib/server/credentials.ts": "a session id or API token turned into the acting user",
    "lib/server/actor.ts": "the permission check every data-access function calls first",
    "lib/server/password.ts": "password hashing and verification",
    "lib/server/recheck-schedule.ts": "which server process fetches which page when: each page once per period",
  },
};

const part = process.env.MUTATION_PART ?? "core";
if (!(part in SCOPE)) throw new Error(`MUTATION_PART must be one of ${Object.keys(SCOPE).join(", ")}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: true },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: Object.keys(SCOPE[part]),
  coverageAnalysis: "perTest",
  // Module-level tables and constants: no test can be named as covering them, so each would re-run every
  // related test file. Not run; the tables are pinned by literal tests (roles, verdicts, CSV columns),
  // and scripts/mutation-scores.ts shows how many were left out.
  ignoreStatic: true,
  checkers: [],
  concurrency: 2,
  // An infinite loop or a held lock is caught as a timeout (counted as killed); a short grace keeps
  // those from dominating the run.
  timeoutMS: 5_000,
  incremental: true,
  incrementalFile: `mutation/${part}.json`,
  reporters: ["clear-text", "json", "progress-append-only"],
  jsonReporter: { fileName: `reports/mutation/${part}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  ignorePatterns: ["/.next", "/.next-*", "/.stryker-tmp*", "/mutation", "/reports", "/data", "/test-results", "/playwright-report", "/e2e", "/docs", "/tmp"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
