import { describe, expect, it } from "vitest";
import { isTransientFailure } from "./transient-failure";

const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isTransientFailure", () => {
  it("recognises a database that is down, busy or locked, also as a cause", () => {
    for (const error of [
      coded("database is locked", "SQLITE_BUSY"),
      coded("Can't reach database server at 127.0.0.1:5432", "P1001"),
      coded("deadlock detected", "40P01"),
      coded("canceling statement due to lock timeout", "55P03"),
      coded("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      coded("terminating connection due to administrator command", "57P01"),
      new Error("Transaction failed", { cause: coded("could not serialize access", "40001") }),
    ])
      expect(isTransientFailure(error), error.message).toBe(true);
  });

  it("treats everything else as permanent", () => {
    for (const error of [
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      new RangeError("Amount too large"),
      coded("Unique constraint failed", "P2002"),
      coded("value too long", "22001"),
      "a string",
      null,
    ])
      expect(isTransientFailure(error)).toBe(false);
  });
});
