// Which database a URL points at. SQLite is the embedded default; postgres:// URLs switch to PostgreSQL.
export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgres://" / "postgresql://" (PostgreSQL), got "${url.slice(0, 20)}…"`,
  );
}

/** The file path of a `file:` URL, relative paths resolved against the working directory. */
export function sqliteFilePath(url: string): string {
  const path = url.slice("file:".length).split("?")[0];
  if (!path) throw new Error("DATABASE_URL file: path is empty");
  return path;
}
