// Small aids for readers, on top of pages that work without them (vnplans/site/templates):
// - folds marked data-open-wide open on wide screens; every fold opens before printing;
// - a printed page says its own address where the build did not know the site's address;
// - tables with a filter bar (the document index) filter and sort their rows.
// Data reaches the page only as text: this script reads attributes and text, and writes text.
(() => {
  "use strict";

  const WIDE = "(min-width: 60em)";

  function openWideFolds() {
    if (!window.matchMedia(WIDE).matches) return;
    for (const fold of document.querySelectorAll("details[data-open-wide]")) fold.open = true;
  }

  // Before printing, every fold opens (a closed <details> prints only its summary); after, it closes again.
  let closedForPrint = [];
  window.addEventListener("beforeprint", () => {
    closedForPrint = [...document.querySelectorAll("details.fold:not([open])")];
    for (const fold of closedForPrint) fold.open = true;
  });
  window.addEventListener("afterprint", () => {
    for (const fold of closedForPrint) fold.open = false;
    closedForPrint = [];
  });

  function fillPageAddresses() {
    for (const slot of document.querySelectorAll("[data-page-address]")) {
      if (!slot.dataset.absolute) slot.textContent = window.location.href.split("#")[0];
    }
  }

  // -- filtering and sorting a table -------------------------------------------------------------

  const collator = new Intl.Collator("vi", { numeric: true, sensitivity: "base" });

  function sortKey(row, key) {
    return row.dataset["sort" + key[0].toUpperCase() + key.slice(1)] || "";
  }

  function setUpTable(bar) {
    const table = document.getElementById(bar.dataset.filterFor);
    if (!table) return;
    const body = table.tBodies[0];
    const rows = [...body.rows];
    const filters = [...bar.querySelectorAll("select[data-filter]")];
    const order = bar.querySelector("select[data-sort]");
    const status = bar.querySelector("[data-filter-status]");

    function apply() {
      let shown = 0;
      for (const row of rows) {
        const keep = filters.every((f) => !f.value || row.dataset[f.dataset.filter] === f.value);
        row.hidden = !keep;
        if (keep) shown += 1;
      }
      if (order && order.value) {
        const [key, direction] = order.value.split(":");
        const sign = direction === "desc" ? -1 : 1;
        const sorted = [...rows].sort((a, b) => {
          const ka = sortKey(a, key), kb = sortKey(b, key);
          // Unknown values (empty keys) go last whatever the direction.
          if (!ka || !kb) return (ka ? 0 : 1) - (kb ? 0 : 1);
          return sign * collator.compare(ka, kb) || Number(a.dataset.index) - Number(b.dataset.index);
        });
        for (const row of sorted) body.appendChild(row);
      }
      if (status) status.textContent = `${shown} trên ${rows.length} ${bar.dataset.noun || "dòng"}`;
    }

    rows.forEach((row, index) => { row.dataset.index = String(index); });
    for (const control of [...filters, order].filter(Boolean)) control.addEventListener("change", apply);
    const reset = bar.querySelector("[data-filter-reset]");
    if (reset) {
      reset.addEventListener("click", () => {
        for (const f of filters) f.value = "";
        if (order) order.value = order.options[0].value;
        apply();
      });
    }
    bar.hidden = false;
    apply();
  }

  function start() {
    openWideFolds();
    fillPageAddresses();
    for (const bar of document.querySelectorAll("[data-filter-for]")) setUpTable(bar);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
