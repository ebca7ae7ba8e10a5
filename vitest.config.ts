import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    // Tests that look at security events capture them; the rest would only print them.
    env: { FACTCHECK_SECURITY_LOG: "off" },
  },
});
