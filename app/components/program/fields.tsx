// Polaris fields bound to a path of the program draft, each showing the server's message for
// that path under it.
import { createContext, useContext } from "react";
import { Checkbox, Select, TextField } from "@shopify/polaris";
import { getAt, parseMoney, parseWhole, pathKey, showMoney, showWhole, type Path } from "./draft";

export interface DraftEditor {
  draft: Record<string, unknown>;
  errors: Record<string, string>;
  set: (path: Path, value: unknown) => void;
  currencyExponent: number;
}

export const DraftContext = createContext<DraftEditor | null>(null);

function useEditor(): DraftEditor {
  const editor = useContext(DraftContext);
  if (!editor) throw new Error("Draft fields must be inside a DraftContext");
  return editor;
}

/** Errors for a path and, for lists, for the list itself. */
function errorAt(errors: Record<string, string>, path: Path): string | undefined {
  return errors[pathKey(path)];
}

export function WholeField({
  label,
  path,
  helpText,
  emptyAsNull = false,
  suffix,
}: {
  label: string;
  path: Path;
  helpText?: string;
  emptyAsNull?: boolean;
  suffix?: string;
}) {
  const { draft, errors, set } = useEditor();
  return (
    <TextField
      label={label}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      name={pathKey(path)}
      value={showWhole(getAt(draft, path))}
      onChange={(text) => set(path, parseWhole(text, emptyAsNull))}
      error={errorAt(errors, path)}
      helpText={helpText}
      suffix={suffix}
    />
  );
}

export function MoneyField({
  label,
  path,
  helpText,
  emptyAsNull = false,
}: {
  label: string;
  path: Path;
  helpText?: string;
  emptyAsNull?: boolean;
}) {
  const { draft, errors, set, currencyExponent } = useEditor();
  return (
    <TextField
      label={label}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      name={pathKey(path)}
      value={showMoney(getAt(draft, path), currencyExponent)}
      onChange={(text) => set(path, parseMoney(text, currencyExponent, emptyAsNull))}
      error={errorAt(errors, path)}
      helpText={helpText}
    />
  );
}

export function TextInput({
  label,
  path,
  helpText,
  parse,
  show,
  type = "text",
}: {
  label: string;
  path: Path;
  helpText?: string;
  parse?: (text: string) => unknown;
  show?: (value: unknown) => string;
  type?: "text" | "date";
}) {
  const { draft, errors, set } = useEditor();
  const value = getAt(draft, path);
  return (
    <TextField
      label={label}
      type={type}
      autoComplete="off"
      name={pathKey(path)}
      value={show ? show(value) : showWhole(value)}
      onChange={(text) => set(path, parse ? parse(text) : text)}
      error={errorAt(errors, path)}
      helpText={helpText}
    />
  );
}

export function Toggle({
  label,
  path,
  helpText,
}: {
  label: string;
  path: Path;
  helpText?: string;
}) {
  const { draft, errors, set } = useEditor();
  return (
    <Checkbox
      label={label}
      checked={getAt(draft, path) === true}
      onChange={(checked) => set(path, checked)}
      error={errorAt(errors, path)}
      helpText={helpText}
    />
  );
}

export function Choice({
  label,
  path,
  options,
}: {
  label: string;
  path: Path;
  options: { label: string; value: string }[];
}) {
  const { draft, errors, set } = useEditor();
  return (
    <Select
      label={label}
      options={options}
      value={String(getAt(draft, path) ?? "")}
      onChange={(value) => set(path, value)}
      error={errorAt(errors, path)}
    />
  );
}

export function ListError({ path }: { path: Path }) {
  const { errors } = useEditor();
  const message = errorAt(errors, path);
  return message ? (
    <p role="alert" style={{ color: "var(--p-color-text-critical)" }}>
      {message}
    </p>
  ) : null;
}
