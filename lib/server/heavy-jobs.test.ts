// One heavy job per user at a time: a second one is refused with 429 busy while the first runs, other
// users are not affected, and the slot is free again once the job ends, however it ends.
import { describe, expect, it, vi } from "vitest";
import { errorResponse } from "./api";
import { AppError } from "./errors";
import { asHeavyJob } from "./heavy-jobs";

vi.mock("server-only", () => ({}));

function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("asHeavyJob", () => {
  it("refuses a user's second heavy job while the first runs, not another user's", async () => {
    const g = gate();
    const first = asHeavyJob("u1", "a PDF report", () => g.opened.then(() => "pdf"));
    const second = await asHeavyJob("u1", "a report", () => Promise.resolve("csv")).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(AppError);
    expect(second).toMatchObject({ code: "busy", status: 429, message: expect.stringContaining("a PDF report") as unknown });
    expect(await asHeavyJob("u2", "a report", () => Promise.resolve("other user"))).toBe("other user");
    g.open();
    expect(await first).toBe("pdf");
    expect(await asHeavyJob("u1", "a report", () => Promise.resolve("again"))).toBe("again");
  });

  it("frees the slot when a job fails", async () => {
    await expect(asHeavyJob("u3", "a report", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await asHeavyJob("u3", "a report", () => Promise.resolve(1))).toBe(1);
  });

  it("answers a refused route with 429 and Retry-After", async () => {
    const g = gate();
    const first = asHeavyJob("u4", "a report", () => g.opened.then(() => "ok"));
    const refused = await asHeavyJob("u4", "a report", () => Promise.resolve("ok")).then(
      () => null,
      (error: unknown) => errorResponse(error as AppError),
    );
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("Retry-After")).toBe("5");
    expect(await refused?.json()).toMatchObject({ error: { code: "busy" } });
    g.open();
    expect(await first).toBe("ok");
  });
});
