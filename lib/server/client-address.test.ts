import { describe, expect, it } from "vitest";
import { addressThrottleKey } from "./client-address";

describe("addressThrottleKey", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::1", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]:443", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["unknown", "unknown"],
  ])("counts %s as %s", (address, key) => {
    expect(addressThrottleKey(address)).toBe(key);
  });

  it("puts two addresses of one /64 under one key and neighbouring /64s under two", () => {
    expect(addressThrottleKey("2001:db8:1:2::1")).toBe(addressThrottleKey("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(addressThrottleKey("2001:db8:1:2::1")).not.toBe(addressThrottleKey("2001:db8:1:3::1"));
  });
});
