import { describe, expect, it } from "vitest";
import { isLoopbackRequest } from "./loopback.server";

const request = (url: string, headers: Record<string, string> = {}) =>
  new Request(url, { headers });

describe("isLoopbackRequest", () => {
  it("accepts a loopback peer that asked for a loopback host", () => {
    for (const peerAddress of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.1.2.3"])
      expect(
        isLoopbackRequest(request("http://localhost:3000/local-dev/open"), { peerAddress }),
      ).toBe(true);
    expect(isLoopbackRequest(request("http://[::1]:3000/x"), { peerAddress: "::1" })).toBe(true);
  });

  it("refuses another machine, an unknown peer, a tunnel's host name and proxied requests", () => {
    const local = "http://localhost:3000/local-dev/session-token";
    for (const peerAddress of ["192.168.1.20", "10.0.0.1", "::ffff:10.0.0.1", "fe80::1", ""])
      expect(isLoopbackRequest(request(local), { peerAddress })).toBe(false);
    expect(isLoopbackRequest(request(local), {})).toBe(false);
    expect(isLoopbackRequest(request(local), undefined)).toBe(false);
    expect(
      isLoopbackRequest(request("https://demo.trycloudflare.com/local-dev/open"), {
        peerAddress: "127.0.0.1",
      }),
    ).toBe(false);
    for (const header of ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host"])
      expect(
        isLoopbackRequest(request(local, { [header]: "203.0.113.9" }), {
          peerAddress: "127.0.0.1",
        }),
      ).toBe(false);
  });
});
