// A test that makes the app log an error fails, even when its own assertions pass (Epic Stack's rule).
// A test that expects an error says so with expectConsoleError().
import { afterEach, beforeEach } from "vitest";

let logged: string[] = [];
let expected: RegExp[] = [];
const original = console.error;

beforeEach(() => {
  logged = [];
  expected = [];
  console.error = (...args: unknown[]) => {
    const line = args
      .map((arg) =>
        arg instanceof Error
          ? (arg.stack ?? arg.message)
          : typeof arg === "string"
            ? arg
            : JSON.stringify(arg),
      )
      .join(" ");
    logged.push(line);
  };
});

afterEach(() => {
  console.error = original;
  const unexpected = logged.filter((line) => !expected.some((pattern) => pattern.test(line)));
  if (unexpected.length)
    throw new Error(`console.error was called during the test:\n${unexpected.join("\n")}`);
});

/** Declares that the current test is expected to log an error matching `pattern`. */
export function expectConsoleError(pattern: RegExp): void {
  expected.push(pattern);
}

export function loggedErrors(): readonly string[] {
  return logged;
}
