// Polaris fields bound to a path of the program draft, each showing the server's message for
// that path under it. Each field subscribes to its own path only: a keystroke re-renders the field
// typed into, not every field of the page (the Program page has ~40; issue 20's INP goal).
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type Dispatch,
  type SetStateAction,
} from "react";
import { Checkbox, Select, TextField } from "@shopify/polaris";
import {
  getAt,
  parseMoney,
  parseWhole,
  pathKey,
  setAt,
  showMoney,
  showWhole,
  type Draft,
  type Path,
} from "./draft";

export interface DraftEditor {
  /** The draft as of the last change (read it in render through useDraftAt). */
  current: () => Draft;
  subscribe: (listener: () => void) => () => void;
  errors: Record<string, string>;
  set: (path: Path, value: unknown) => void;
  currencyExponent: number;
}

export const DraftContext = createContext<DraftEditor | null>(null);

/**
 * A settings page's draft: `draft` and `setDraft` as useState gives them (the page re-renders with
 * each change, for its save bar and preview), and the `editor` its fields read through DraftContext,
 * which stays the same object while the errors do, so a change re-renders only the fields whose
 * value changed (and memoised sections stay as they are).
 */
export function useDraftEditor(
  initial: Draft,
  errors: Record<string, string>,
  currencyExponent: number,
): [Draft, Dispatch<SetStateAction<Draft>>, DraftEditor] {
  const [draft, setDraftState] = useState(initial);
  const store = useRef({ draft: initial, listeners: new Set<() => void>() });
  const setDraft = useCallback((action: SetStateAction<Draft>) => {
    const held = store.current;
    held.draft = typeof action === "function" ? action(held.draft) : action;
    setDraftState(held.draft);
    for (const listener of held.listeners) listener();
  }, []);
  const editor = useMemo<DraftEditor>(
    () => ({
      current: () => store.current.draft,
      subscribe: (listener) => {
        store.current.listeners.add(listener);
        return () => store.current.listeners.delete(listener);
      },
      errors,
      currencyExponent,
      set: (path, value) => setDraft((held) => setAt(held, path, value)),
    }),
    [errors, currencyExponent, setDraft],
  );
  return [draft, setDraft, editor];
}

export function useEditor(): DraftEditor {
  const editor = useContext(DraftContext);
  if (!editor) throw new Error("Draft fields must be inside a DraftContext");
  return editor;
}

/** The draft's value at `path`; the component re-renders when that value changes. */
export function useDraftAt(path: Path): unknown {
  const editor = useEditor();
  const read = () => getAt(editor.current(), path);
  return useSyncExternalStore(editor.subscribe, read, read);
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
  const { errors, set } = useEditor();
  const value = useDraftAt(path);
  return (
    <TextField
      label={label}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      name={pathKey(path)}
      value={showWhole(value)}
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
  const { errors, set, currencyExponent } = useEditor();
  const value = useDraftAt(path);
  return (
    <TextField
      label={label}
      type="text"
      inputMode="decimal"
      autoComplete="off"
      name={pathKey(path)}
      value={showMoney(value, currencyExponent)}
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
  const { errors, set } = useEditor();
  const value = useDraftAt(path);
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
  const { errors, set } = useEditor();
  const checked = useDraftAt(path) === true;
  return (
    <Checkbox
      label={label}
      checked={checked}
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
  const { errors, set } = useEditor();
  const value = useDraftAt(path);
  return (
    <Select
      label={label}
      options={options}
      value={String(value ?? "")}
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
