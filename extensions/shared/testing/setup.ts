// Setup for the "extensions" vitest project: every test starts without stubbed env or globals left
// over from the previous one (app-url tests stub the build-time env names).
import { afterEach, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});
