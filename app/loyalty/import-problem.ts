// Why an import row was rejected, or a whole import failed (decision 053): a code and values, stored
// so, and worded where it is read, in the reader's language; the English wording goes with it for
// logs and tests. Pure.
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

/** Why a whole import failed (DataImport.failure): a code and values, stored so (decision 053). */
export type ImportFailure = CodedOf<Messages["importFailures"]>;

export interface FileRefused {
  ok: false;
  /** The failure in English. */
  message: string;
  failure: ImportFailure;
}

export const refuseFile = (failure: ImportFailure): FileRefused => ({
  ok: false,
  message: wordCoded(failure, en.importFailures),
  failure,
});

/** Stops an import with a failure the Import page words in the reader's language. */
export class ImportFailedError extends Error {
  constructor(readonly failure: ImportFailure) {
    super(wordCoded(failure, en.importFailures));
  }
}
