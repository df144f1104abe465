// adminText reads the current language's catalogue when a text is read, so a section taken once
// at module load (`const t = adminText.program`) still serves each staff member in their language.
import { afterEach, describe, expect, it } from "vitest";
import { adminText, setCurrentAdminLocale } from "./index";
import { pl } from "./pl";
import { ru } from "./ru";

const program = adminText.program;

afterEach(() => setCurrentAdminLocale("en"));

describe("adminText", () => {
  it("is English until a language is set, then that language, also through a kept section", () => {
    expect(program.title).toBe("Program settings");
    setCurrentAdminLocale("pl");
    expect(program.title).toBe(pl.program.title);
    expect(program.saved(3)).toBe("Program zapisany jako wersja 3");
    setCurrentAdminLocale("ru");
    expect(program.referrals.title).toBe("Приведи друга");
  });

  it("lists maps and lists in the current language", () => {
    setCurrentAdminLocale("ru");
    expect(Object.entries(adminText.engagement.triggers)).toEqual(
      Object.entries(ru.engagement.triggers),
    );
    expect(adminText.referrals.columns.map((column) => column)).toEqual(ru.referrals.columns);
    expect(adminText.rewards.kind["free_shipping"]).toBe("Бесплатная доставка");
    expect(JSON.parse(JSON.stringify(adminText.members.resource))).toEqual(ru.members.resource);
  });
});
