// Small page helpers loaded on every page; no inline script (strict CSP).
"use strict";

// htmx snapshots innerHTML into its history cache, which keeps attribute values only. Copy the
// live values of form controls into their attributes first so back/forward restores what was
// typed along with the results it produced.
document.addEventListener("htmx:beforeHistorySave", function () {
  document.querySelectorAll("input, select").forEach(function (el) {
    if (el.tagName === "SELECT") {
      Array.prototype.forEach.call(el.options, function (o) {
        o.toggleAttribute("selected", o.selected);
      });
    } else if (el.type !== "checkbox" && el.type !== "radio") {
      el.setAttribute("value", el.value);
    } else {
      el.toggleAttribute("checked", el.checked);
    }
  });
});
