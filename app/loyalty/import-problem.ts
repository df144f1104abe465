// Why an import row was rejected (decision 053): a code and values, stored so, and worded where it
// is read, in the reader's language; the English wording goes with it for logs and tests. Pure.
import { wordCoded, type CodedOf } from "../i18n/coded-text";
import { en, type Messages } from "../i18n/en";

export type ImportProblem = CodedOf<Messages["importProblems"]>;

export interface RowRefused {
  ok: false;
  /** The problem in English. */
  message: string;
  problem: ImportProblem;
}

export const refuseRow = (problem: ImportProblem): RowRefused => ({
  ok: false,
  message: wordCoded(problem, en.importProblems),
  problem,
});
