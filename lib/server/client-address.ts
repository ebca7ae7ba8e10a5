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
