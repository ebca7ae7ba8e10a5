// One lint gate: typescript-eslint's type-checked rules, React hooks rules, Next.js's own rules, and
// eslint-plugin-regexp's checks for regular expressions whose run time grows faster than their input
// (article text and rationales are long and written by people, so a quadratic pattern blocks the server).
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import regexpPlugin from "eslint-plugin-regexp";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [".next/**", ".next-*/**", ".stryker-tmp*/**", "reports/**", "node_modules/**", "lib/server/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "*.config.mjs"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/generated/*", "**/generated/**"], message: "Use lib/server/db.ts: nothing else imports the Prisma client." }] },
      ],
      // Inside a transaction's callback every query goes through `tx`: on SQLite a query on db() waits
      // for the lock that very transaction holds (lib/server/sqlite-serialised.ts).
      "no-restricted-syntax": [
        "error",
        {
          selector:
            ":matches(CallExpression[callee.name='audited'], CallExpression[callee.name='serialisedTransaction'], CallExpression[callee.property.name='$transaction']) > :function CallExpression[callee.name='db']",
          message: "Use the transaction client (tx) inside a transaction: db() would wait for this transaction's own lock.",
        },
      ],
    },
  },
  {
    plugins: { regexp: regexpPlugin },
    rules: {
      // Backtracking within one match attempt, e.g. /\s*[\r\n]+\s*/ over a long run of whitespace.
      "regexp/no-super-linear-backtracking": ["error", { report: "potential" }],
      // A match that fails after scanning to the end, retried from every later start, e.g. /[ \t]+$/.
      "regexp/no-super-linear-move": ["error", { report: "potential", ignoreSticky: false, ignorePartial: false }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { console: "readonly", process: "readonly", URL: "readonly" },
    },
  },
  {
    files: ["lib/server/db.ts", "scripts/**", "prisma/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["lib/core/**"],
    ignores: ["lib/core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["next", "next/*", "react", "react-dom", "@prisma/*", "**/generated/**", "@/lib/server/*", "node:fs", "fs", "node:net", "node:http"], message: "lib/core stays pure." },
          ],
        },
      ],
    },
  },
);
