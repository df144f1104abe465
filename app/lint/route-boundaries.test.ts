// The route rules of eslint.config.js (issue 23: routes call services, never SQL), checked against
// code written to break them, so a config change that silently disables one fails here.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();
async function routeProblems(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: "app/routes/app.probe.tsx" });
  return result.messages.map((message) => message.ruleId ?? message.message);
}

describe("routes call services, never the database", () => {
  it("refuses SQL text in a route, in strings and templates", async () => {
    expect(await routeProblems(`export const q = "SELECT id FROM \\"Customer\\"";\n`)).toContain(
      "no-restricted-syntax",
    );
    expect(
      await routeProblems('export const q = (n: number) => `UPDATE "Shop" SET x = ${n}`;\n'),
    ).toContain("no-restricted-syntax");
    expect(await routeProblems(`export const q = "DELETE FROM x";\n`)).toContain(
      "no-restricted-syntax",
    );
  });

  it("lets prose that reads like SQL through", async () => {
    expect(await routeProblems(`export const t = "Select a reward from the list";\n`)).toEqual([]);
  });

  it("refuses the database layer's imports", async () => {
    expect(
      await routeProblems(`import { getDb } from "~/db.server";\nexport const db = getDb;\n`),
    ).toContain("@typescript-eslint/no-restricted-imports");
  });
});
