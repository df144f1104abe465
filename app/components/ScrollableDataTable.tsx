// Polaris' DataTable scrolls a wide table sideways in a container that no keyboard can reach
// (axe-core: scrollable-region-focusable, serious). This names the container and makes it focusable,
// so keyboard users can scroll it too.
import { useEffect, useRef } from "react";
import { DataTable, type DataTableProps } from "@shopify/polaris";

export function ScrollableDataTable({ label, ...table }: DataTableProps & { label: string }) {
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    wrapper.current
      ?.querySelectorAll(".Polaris-DataTable__ScrollContainer")
      .forEach((container) => {
        container.setAttribute("tabindex", "0");
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", label);
      });
  });
  return (
    <div ref={wrapper}>
      <DataTable {...table} />
    </div>
  );
}
