// The address a public request came from (the referral landing route's IP rules, decision 036).
// The production server passes the TCP peer as `context.peerAddress`. A peer on a private or
// loopback address is a proxy in front of Tally: then the address that proxy appended last to
// X-Forwarded-For is the client (entries to its left were written by the client and are not trusted).
const PRIVATE =
  /^(?:127\.|10\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.|::1$|fc|fd|::ffff:(?:127|10|192\.168)\.)/i;

export function clientIp(request: Request, context: unknown): string {
  const peer = (context as { peerAddress?: string } | null | undefined)?.peerAddress ?? "";
  const forwarded = request.headers.get("x-forwarded-for");
  if ((peer === "" || PRIVATE.test(peer)) && forwarded) {
    const last = forwarded.split(",").at(-1)?.trim();
    if (last) return last.slice(0, 64);
  }
  return peer || "unknown";
}
