// Setup for the "extensions" vitest project: every test starts without stubbed env or globals left
// over from the previous one (app-url tests stub the build-time env names).
import { afterEach, vi } from "vitest";

// What `shopify app build` bakes in: the app's own URL (decision 038). Tests that need none stub it out.
process.env.TALLY_APP_URL = "https://tally.example";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});
