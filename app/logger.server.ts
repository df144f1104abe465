// One JSON line per event on stdout/stderr: what operators grep and ship to their log store.
type Fields = Record<string, unknown>;

function write(level: "info" | "warn" | "error", message: string, fields: Fields) {
  // The event's own keys win: a field named like one of them (an error's `message`, say) is kept
  // under a prefixed name instead of replacing the line's message.
  const { level: fieldLevel, time: fieldTime, message: fieldMessage, ...rest } = fields;
  const clashes = Object.fromEntries(
    Object.entries({ fieldLevel, fieldTime, fieldMessage }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message,
    ...rest,
    ...clashes,
  });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else if (process.env.NODE_ENV !== "test") console.log(line);
}

export const log = {
  info: (message: string, fields: Fields = {}) => write("info", message, fields),
  warn: (message: string, fields: Fields = {}) => write("warn", message, fields),
  error: (message: string, fields: Fields = {}) => write("error", message, fields),
};
