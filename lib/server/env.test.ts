import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("takes http(s) addresses with a host for every URL setting, and names the variable otherwise", () => {
    expect(parseEnv({ NEXTAUTH_URL: "https://factcheck.example.org" }).NEXTAUTH_URL).toBe("https://factcheck.example.org");
    for (const name of ["NEXTAUTH_URL", "FACTCHECK_PUBLIC_URL", "FACTCHECK_ORG_URL", "FACTCHECK_PUBLISH_BASE_URL"]) {
      for (const bad of ["http:///x", "https://", "javascript:alert(1)", "ftp://example.org"]) {
        expect(() => parseEnv({ [name]: bad }), `${name}=${bad}`).toThrow(EnvError);
        expect(() => parseEnv({ [name]: bad }), `${name}=${bad}`).toThrow(name);
      }
    }
  });

  it("takes MIGRATION_DATABASE_URL only as a PostgreSQL URL", () => {
    expect(parseEnv({ MIGRATION_DATABASE_URL: "postgresql://owner@db/factcheck" }).MIGRATION_DATABASE_URL).toBe("postgresql://owner@db/factcheck");
    expect(() => parseEnv({ MIGRATION_DATABASE_URL: "file:./data/x.db" })).toThrow("MIGRATION_DATABASE_URL");
  });
});
