// Polaris' DataTable scrolls a wide table sideways in a container that no keyboard can reach
// (axe-core: scrollable-region-focusable, serious). This names the container and makes it focusable,
// so keyboard users can scroll it too. DataTable rebuilds that container itself when it measures
// its width (condensed or not) after hydration, so the attributes are set again on every change of
// the subtree, not once per render of this component.
import { useEffect, useRef } from "react";
import { DataTable, type DataTableProps } from "@shopify/polaris";

export function ScrollableDataTable({ label, ...table }: DataTableProps & { label: string }) {
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = wrapper.current;
    if (!root) return;
    const labelContainers = () =>
      root.querySelectorAll(".Polaris-DataTable__ScrollContainer").forEach((container) => {
        if (container.getAttribute("aria-label") === label) return;
        container.setAttribute("tabindex", "0");
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", label);
      });
    labelContainers();
    const observer = new MutationObserver(labelContainers);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [label]);
  return (
    <div ref={wrapper}>
      <DataTable {...table} />
    </div>
  );
}
