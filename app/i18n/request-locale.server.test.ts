// On the server each request has its own language: two requests served at once, in Polish and
// Russian, each read their own texts, and nothing outside a request changes the language.
import { describe, expect, it } from "vitest";
import { adminText, currentAdminLocale, setCurrentAdminLocale } from "./index";
import { withRequestLocale } from "./request-locale.server";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("the per-request admin language", () => {
  it("keeps concurrent requests' languages apart across awaits", async () => {
    const serve = (locale: "pl" | "ru") =>
      withRequestLocale(async () => {
        await tick();
        setCurrentAdminLocale(locale);
        const seen: string[] = [];
        for (let i = 0; i < 3; i++) {
          await tick();
          seen.push(adminText.nav.members);
        }
        return seen;
      });
    const [polish, russian] = await Promise.all([serve("pl"), serve("ru")]);
    expect(polish).toEqual(["Uczestnicy", "Uczestnicy", "Uczestnicy"]);
    expect(russian).toEqual(["Участники", "Участники", "Участники"]);
  });

  it("starts each request in English and ignores a language set outside any request", async () => {
    setCurrentAdminLocale("ru");
    expect(currentAdminLocale()).toBe("en");
    expect(await withRequestLocale(async () => currentAdminLocale())).toBe("en");
  });
});
