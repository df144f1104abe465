// Indexes that leave out the rows whose key is null (decision 055). Prisma's schema cannot say
// `WHERE … IS NOT NULL`, so the models declare them whole and a migration rebuilds them partial; the
// drift check applies the same statements to the database it builds from the models.

interface PartialIndex {
  name: string;
  table: string;
  columns: string[];
  unique?: boolean;
  /** The column whose null rows the index leaves out. */
  notNull: string;
}

export const PARTIAL_INDEXES: PartialIndex[] = [
  // The birthday job reads `birthday IN (…)`: members who never gave one are not its business.
  {
    name: "Customer_shop_birthday_idx",
    table: "Customer",
    columns: ["shop", "birthday"],
    notNull: "birthday",
  },
  // A code is made when a member first asks for it; uniqueness only concerns the codes that exist.
  {
    name: "Customer_shop_referralCode_key",
    table: "Customer",
    columns: ["shop", "referralCode"],
    unique: true,
    notNull: "referralCode",
  },
  // Pending maturation reads `availableAt <= ?`: entries credited at once have none.
  {
    name: "LedgerEntry_shop_availableAt_idx",
    table: "LedgerEntry",
    columns: ["shop", "availableAt"],
    notNull: "availableAt",
  },
];

/** The statements turning the models' whole indexes into the partial ones (same on both databases). */
export function partialIndexStatements(): string {
  const quoted = (name: string) => `"${name}"`;
  return PARTIAL_INDEXES.map(
    (index) =>
      `DROP INDEX ${quoted(index.name)};\nCREATE ${index.unique ? "UNIQUE " : ""}INDEX ${quoted(index.name)} ON ${quoted(index.table)}(${index.columns.map(quoted).join(", ")}) WHERE ${quoted(index.notNull)} IS NOT NULL;`,
  ).join("\n");
}
