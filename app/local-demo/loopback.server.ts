// The local demo's token routes hand out admin session tokens to whoever asks, so they answer only
// requests from this machine (issue 17 item 7, docs/decisions/026): the TCP peer is a loopback
// address (the production server passes it as `peerAddress` in the load context), the request was
// addressed to a loopback host (not a tunnel's or a rebinding DNS name's), and no proxy forwarded it.
const LOOPBACK_PEER = /^(127(\.\d{1,3}){3}|::1|::ffff:127(\.\d{1,3}){3})$/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
const PROXY_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip"];

export interface PeerContext {
  /** The TCP peer's address, as the HTTP server saw it. */
  peerAddress?: string;
}

export function isLoopbackRequest(request: Request, context: unknown): boolean {
  const peer = (context as PeerContext | null | undefined)?.peerAddress;
  if (typeof peer !== "string" || !LOOPBACK_PEER.test(peer)) return false;
  if (!LOOPBACK_HOSTS.has(new URL(request.url).hostname)) return false;
  return !PROXY_HEADERS.some((name) => request.headers.has(name));
}
