// Shopify's contextual save bar for a settings form (Built for Shopify): shown while the form has
// unsaved changes, Save submits, Discard goes back to what was loaded. It is the form's only Save
// (no second Save button on the page), as in Shopify's own settings pages. While it shows, leaving the
// page asks first: in-app navigation waits for App Bridge's leave confirmation, and closing or
// reloading the tab gets the browser's own prompt.
import { SaveBar, useAppBridge } from "@shopify/app-bridge-react";
import { useBlocker, useNavigate, type Location } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { adminText } from "~/i18n";

export function FormSaveBar({
  id,
  dirty,
  saving,
  onSave,
  onDiscard,
}: {
  id: string;
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
}) {
  useLeaveGuard(dirty);
  return (
    <SaveBar id={id} open={dirty}>
      <button variant="primary" onClick={onSave} loading={saving ? "" : undefined}>
        {adminText.common.save}
      </button>
      <button onClick={onDiscard} disabled={saving}>
        {adminText.common.discard}
      </button>
    </SaveBar>
  );
}

/** Navigation options for leaving right after a save or delete: the leave guard lets it through. */
export const AFTER_SAVE = { state: { afterSave: true } } as const;

/** Asks before leaving a page with unsaved changes. */
export function useLeaveGuard(dirty: boolean): void {
  const shopify = useAppBridge();
  const navigate = useNavigate();
  const confirmed = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      !confirmed.current &&
      !(nextLocation.state as { afterSave?: boolean } | null)?.afterSave &&
      currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    const to: Location = blocker.location;
    blocker.reset();
    // Resolves only when the merchant chooses to leave (or no save bar shows).
    void shopify.saveBar?.leaveConfirmation?.().then(() => {
      confirmed.current = true;
      navigate(to);
    });
  }, [blocker, shopify, navigate]);
  useEffect(() => {
    if (!dirty) return;
    const ask = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [dirty]);
}
