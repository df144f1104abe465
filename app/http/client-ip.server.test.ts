import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip.server";

const request = (forwarded?: string) =>
  new Request("https://tally.example/r/x", {
    headers: forwarded ? { "x-forwarded-for": forwarded } : {},
  });

describe("client IP of a public request", () => {
  it("is the TCP peer when it is a public address, whatever the client claims", () => {
    expect(clientIp(request("1.1.1.1"), { peerAddress: "203.0.113.9" })).toBe("203.0.113.9");
  });

  it("is the address the proxy in front appended last when the peer is private", () => {
    expect(clientIp(request("6.6.6.6, 198.51.100.4"), { peerAddress: "10.0.0.2" })).toBe(
      "198.51.100.4",
    );
    expect(clientIp(request(), { peerAddress: "127.0.0.1" })).toBe("127.0.0.1");
    expect(clientIp(request(), {})).toBe("unknown");
  });
});
