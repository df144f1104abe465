// One hook for what an admin form's action answered (app/admin/form-result.ts): the field errors
// to show under their fields, a toast for a failure that has no field (someone saved first, a bad
// request), and `onSuccess` once per successful answer.
import { useEffect, useMemo, useRef } from "react";
import { useToast } from "~/components/useToast";
import { adminText } from "~/i18n";
import { fieldErrorsOf, type FieldErrors } from "~/loyalty/plain-issues";

interface Outcome {
  status: string;
  message?: string;
}

export function useFormOutcome<D extends Outcome>(
  fetcher: { state: string; data: D | undefined },
  onSuccess: (data: D) => void,
): FieldErrors {
  const toast = useToast();
  const handled = useRef<D | undefined>(undefined);
  const success = useRef(onSuccess);
  success.current = onSuccess;
  const data = fetcher.data;
  useEffect(() => {
    if (fetcher.state !== "idle" || !data || handled.current === data) return;
    handled.current = data;
    if (data.status === "invalid") toast(adminText.common.fixErrors, { isError: true });
    else if (data.status === "conflict" || data.status === "stale" || data.status === "bad_request")
      toast(data.message ?? adminText.common.unknownError, { isError: true });
    else success.current(data);
  }, [fetcher.state, data, toast]);
  return useMemo(() => fieldErrorsOf(data), [data]);
}
