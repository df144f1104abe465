// Downloads a CSV through fetch, so App Bridge attaches the session token (a plain link would not).
import { useState } from "react";
import { Button } from "@shopify/polaris";
import { adminText } from "~/i18n";

export function DownloadButton({
  url,
  filename,
  children,
}: {
  url: string;
  filename: string;
  children: string;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const href = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement("a"), { href, download: filename });
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(href);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={download} loading={busy} tone={failed ? "critical" : undefined}>
      {failed ? adminText.analytics.downloadFailed(children) : children}
    </Button>
  );
}
