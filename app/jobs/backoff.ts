/** Milliseconds to wait after the n-th failed attempt: 1 s, 2 s, 4 s … capped at 5 minutes, with jitter. */
export function backoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}
