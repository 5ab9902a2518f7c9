// The result form of a stop's page (DESIGN §3): shown once the stop's day has come, filled
// from the result queue when its result waits on this device, and each submission given its
// Idempotency-Key and the time it was entered. Loaded before inspector.js, which calls prefill
// once the service worker is registered.
"use strict";
(function () {
  // The city's date on this phone's clock, "2026-12-07" ("" when the zone is unknown).
  function cityDay(zone) {
    try {
      const parts = new Intl.DateTimeFormat("en-CA", {timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"}).formatToParts(new Date());
      const part = (type) => parts.find((p) => p.type === type).value;
      return `${part("year")}-${part("month")}-${part("day")}`;
    } catch (error) {
      return "";
    }
  }

  // A stop of a day still to come is shown without a result form (issue 14 §6); its form
  // waits in an inert template and is put in place once this phone's clock reaches the day in
  // the city, so the next working day's stops saved on the phone can be resulted offline on
  // that day. The server checks the day again.
  function revealForms() {
    for (const later of document.querySelectorAll("template#result-form-later")) {
      const today = cityDay(later.dataset.zone);
      if (!today || today < later.dataset.day) continue;
      const notice = later.previousElementSibling;
      const fragment = document.importNode(later.content, true);
      const form = fragment.querySelector("form");
      later.replaceWith(fragment);
      if (notice && notice.classList.contains("notice")) notice.remove();
      if (form && window.htmx) window.htmx.process(form);
    }
  }

  // A result waiting on this device is shown in its form, to change it (same key: it replaces
  // the entry) or, when the server refused it, with the server's own messages beside the fields.
  async function prefill(states) {
    const resultQueue = window.PermitlineResultQueue;
    const form = document.querySelector("form[data-outbox]");
    if (!form || !resultQueue) return;
    const action = new URL(form.action, location.href).pathname;
    const entry = (await resultQueue.entries()).find((e) => e.url === action);
    if (!entry) return;
    if (entry.status === "rejected" || entry.status === "failed") {
      const holder = document.getElementById("result-entry");
      const answer = new DOMParser().parseFromString(entry.fragment, "text/html").getElementById("result-entry");
      if (holder && answer) {
        const adopted = document.adoptNode(answer);
        // Recorded again under a new key (the server refused this one), the new entry takes
        // this one's place on the device instead of leaving it behind.
        adopted.dataset.replaces = entry.key;
        holder.replaceWith(adopted);
        revealForms();
        if (window.htmx) window.htmx.process(adopted);
      }
      return;
    }
    for (const box of form.querySelectorAll("input[type=checkbox]")) box.checked = false;
    for (const [name, value] of entry.fields) {
      const control = form.elements.namedItem(name);
      if (!control || name === "csrf_token") continue;
      if (control instanceof RadioNodeList) {
        for (const radio of control) radio.checked = radio.value === value;
      } else if (control.type === "checkbox") {
        control.checked = true;
      } else {
        control.value = value;
      }
    }
    form.dataset.keyed = "yes";
    const notice = document.createElement("p");
    notice.className = "notice";
    notice.textContent = `This result is saved on this device: ${states[entry.status].toLowerCase()}. Change it and record it again to replace it.`;
    form.prepend(notice);
  }

  // Each submission of a result form gets its Idempotency-Key once; a resubmission of the
  // same form (after a correction) keeps it.
  document.addEventListener("htmx:configRequest", (event) => {
    const form = event.detail.elt.closest ? event.detail.elt.closest("form[data-outbox]") : null;
    if (!form) return;
    const field = form.elements.namedItem("idempotency_key");
    if (form.dataset.keyed !== "yes" && window.crypto && crypto.randomUUID) {
      field.value = crypto.randomUUID();
      form.dataset.keyed = "yes";
    }
    event.detail.parameters.idempotency_key = field.value;
    // When the result was entered, kept with the entry while it waits offline; the server
    // keeps it beside the time it arrived (issue 14 §6).
    event.detail.parameters.entered_at = new Date().toISOString();
    event.detail.headers["Idempotency-Key"] = field.value;
    const holder = form.closest("#result-entry");
    if (holder && holder.dataset.replaces && holder.dataset.replaces !== field.value) {
      event.detail.headers["Outbox-Replaces"] = holder.dataset.replaces;
    }
    event.detail.headers["Outbox-Label"] = encodeURIComponent(form.dataset.label || "");
    const device = document.getElementById("device");
    if (device && device.dataset.account) event.detail.headers["Outbox-Account"] = device.dataset.account;
  });

  window.PermitlineResultForm = {prefill};
  revealForms();
})();
