// DOM helpers for rendered extensions (Polaris web components render as plain custom elements here).

/** Visible text with whitespace collapsed (Intl's narrow no-break spaces included). */
export const normalize = (text: string | null | undefined) =>
  (text ?? "").replace(/[\s\u00a0\u202f]+/g, " ").trim();

export const bodyText = () => normalize(document.body.textContent);

export function all(selector: string): HTMLElement[] {
  return [...document.body.querySelectorAll<HTMLElement>(selector)];
}

/** The element matching `selector` whose text is `text` (throws with what exists when there is none). */
export function byText(selector: string, text: string): HTMLElement {
  const found = all(selector).find((element) => normalize(element.textContent) === text);
  if (!found)
    throw new Error(
      `no ${selector} with text "${text}"; found: ${all(selector)
        .map((e) => `"${normalize(e.textContent)}"`)
        .join(", ")}`,
    );
  return found;
}

export function click(element: HTMLElement) {
  element.dispatchEvent(new Event("click", { bubbles: true }));
}

/** The element matching `selector` whose `attribute` is `value` (props of unknown elements become attributes). */
export function byAttribute(selector: string, attribute: string, value: string): HTMLElement {
  const found = all(selector).find((element) => element.getAttribute(attribute) === value);
  if (!found) throw new Error(`no ${selector} with ${attribute}="${value}"`);
  return found;
}
