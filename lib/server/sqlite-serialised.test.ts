// The process-wide SQLite lock: first come, first served, one holder at a time. What it protects is
// tested against real databases in data-access.test.ts.
import { describe, expect, it } from "vitest";
import { FifoLock } from "./sqlite-serialised";

describe("FifoLock", () => {
  it("grants the lock in the order it was asked for, one holder at a time", async () => {
    const lock = new FifoLock();
    const order: string[] = [];
    let inside = 0;
    let most = 0;
    const job = (name: string, ticks: number) =>
      lock.run(async () => {
        inside += 1;
        most = Math.max(most, inside);
        order.push(`${name}+`);
        for (let i = 0; i < ticks; i++) await Promise.resolve();
        order.push(`${name}-`);
        inside -= 1;
      });
    await Promise.all([job("a", 5), job("b", 0), job("c", 2)]);
    expect(order).toEqual(["a+", "a-", "b+", "b-", "c+", "c-"]);
    expect(most).toBe(1);
    expect(lock.held).toBe(false);
  });

  it("releases once even when the release function is called twice, and after a failure", async () => {
    const lock = new FifoLock();
    const release = await lock.acquire();
    release();
    release();
    await expect(lock.run(() => Promise.reject(new Error("work failed")))).rejects.toThrow("work failed");
    const order: number[] = [];
    await Promise.all([lock.run(() => Promise.resolve(order.push(1))), lock.run(() => Promise.resolve(order.push(2)))]);
    expect(order).toEqual([1, 2]);
  });
});
