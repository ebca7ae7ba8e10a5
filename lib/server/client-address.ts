import ipaddr from "ipaddr.js";
// The client address used by the sign-in throttle. The app's own server (scripts/start.ts) sets
// CLIENT_ADDRESS_HEADER from the socket, or from X-Forwarded-For only when TRUST_PROXY=1, and always
// overwrites whatever a client sent in it; so the value cannot be forged by a request header.
export const CLIENT_ADDRESS_HEADER = "x-factcheck-client-address";
/** The path the browser asked for, so the sign-in page can send the user back to it. */
export const REQUEST_PATH_HEADER = "x-factcheck-request-path";

export function clientAddressFromHeaders(headers: Record<string, string | string[] | undefined> | Headers): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.length <= 100 ? first : "unknown";
}

/**
 * The key the sign-in throttle counts an address under. An IPv6 client usually controls a whole /64
 * (one customer's network), so it is counted by that prefix; an IPv4 address, also one written as
 * IPv6 (::ffff:a.b.c.d), by itself. Anything unparseable is counted as given.
 */
export function addressThrottleKey(address: string): string {
  let bare = address.replace(/^\[|\](:\d+)?$/g, "");
  const zone = bare.indexOf("%"); // fe80::1%eth0: the zone names a local interface, not part of the address
  if (zone !== -1) bare = bare.slice(0, zone);
  if (!ipaddr.isValid(bare)) return address;
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((p) => p.toString(16)).join(":")}::/64`;
}
