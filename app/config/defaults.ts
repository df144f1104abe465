// Defaults that make `npm run demo` work with no configuration at all.
export const DEFAULT_DATABASE_URL = "file:./prisma/data/tally.sqlite";
