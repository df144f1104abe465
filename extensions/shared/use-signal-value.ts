// Re-renders when a `shopify.*` subscribable changes, through the API's own subscribe(). Importing
// @preact/signals (what `@shopify/ui-extensions/preact` does) would do the same for ~8 KB more
// JavaScript per extension, a quarter of the checkout budget.
import { useEffect, useState } from "preact/hooks";

export interface Subscribable<T> {
  readonly value: T;
  subscribe(listener: (value: T) => void): () => void;
}

export function useSignalValue<T>(signal: Subscribable<T>): T {
  const [value, setValue] = useState(signal.value);
  useEffect(() => {
    setValue(signal.value); // it may have changed between render and effect
    return signal.subscribe(setValue);
  }, [signal]);
  return value;
}
