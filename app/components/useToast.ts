// App Bridge toasts (`shopify.toast.show`); the local demo's stand-in provides the same call.
import { useAppBridge } from "@shopify/app-bridge-react";
import { useCallback } from "react";

export function useToast() {
  const shopify = useAppBridge();
  return useCallback(
    (message: string, options: { isError?: boolean } = {}) => {
      shopify.toast.show(message, { isError: options.isError ?? false, duration: 4000 });
    },
    [shopify],
  );
}
