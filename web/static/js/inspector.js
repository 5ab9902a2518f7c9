// Inspector mode on the device (DESIGN §3): registers the service worker for /inspector, says
// what is saved for offline use and what waits to sync, gives each result submission its
// Idempotency-Key, and asks the worker to sync on load, `online`, visibility and "Sync now".
"use strict";
(function () {
  const outbox = window.PermitlineOutbox;
  const supported = "serviceWorker" in navigator && Boolean(outbox) && "indexedDB" in window;
  const STATES = {
    queued: "Waiting to sync",
    "needs-login": "Waiting for you to sign in",
    rejected: "Needs correcting",
    failed: "Not recorded",
    stale: "No longer on the city's records",
  };
  const WAITING = new Set(["queued", "needs-login"]);
  let retry = null;
  let news = [];
  let started = false;  // a worker is registered for this page

  function panel() {
    return document.getElementById("device");
  }

  function toWorker(message) {
    if (!supported) return;
    navigator.serviceWorker.ready.then((registration) => {
      if (registration.active) registration.active.postMessage(message);
    });
  }

  function clock(time) {
    const when = new Date(time);
    const text = when.toLocaleTimeString("en-US", {hour: "numeric", minute: "2-digit"})
      .replace(/\s+/g, " ").toLowerCase();
    if (when.toDateString() === new Date().toDateString()) return text;
    return `${when.toLocaleDateString("en-US", {weekday: "long"})} ${text}`;
  }

  function plural(count, one, many) {
    return `${count} ${count === 1 ? one : many}`;
  }

  function savedText(meta) {
    if (!meta.savedAt) {
      return navigator.onLine ? "Saving the route for offline use…" : "Offline: the route is not saved on this device.";
    }
    return navigator.onLine ? `Ready offline · updated ${clock(meta.savedAt)}` : `Offline · route saved at ${clock(meta.savedAt)}`;
  }

  function resultOf(entry) {
    const field = entry.fields.find(([name]) => name === "result");
    return field ? field[1] : "";
  }

  function detail(entry) {
    if (entry.status !== "queued") return entry.error ? `: ${entry.error}.` : ".";
    if (!entry.attempts) return ".";
    return ` · tried ${plural(entry.attempts, "time", "times")} (${entry.error}), next try ${clock(entry.nextAttempt)}.`;
  }

  function item(entry) {
    const li = document.createElement("li");
    const title = document.createElement("p");
    const name = document.createElement("strong");
    name.textContent = entry.label || entry.page;
    title.append(name, resultOf(entry) ? ` · ${resultOf(entry)}` : "");
    const state = document.createElement("p");
    state.textContent = STATES[entry.status] + detail(entry);
    li.append(title, state);
    const actions = document.createElement("p");
    actions.className = "actions";
    if (entry.status !== "stale") {
      const open = document.createElement("a");
      open.href = entry.page;
      open.textContent = entry.status === "rejected" ? "Correct it" : "Open it";
      open.append(visuallyHidden(` (${entry.label})`));
      actions.append(open);
    }
    if (entry.status === "rejected" || entry.status === "failed" || entry.status === "stale") {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "secondary";
      remove.dataset.remove = entry.key;
      remove.textContent = "Remove from this device";
      remove.append(visuallyHidden(` (${entry.label})`));
      actions.append(remove);
    }
    li.append(actions);
    return li;
  }

  function visuallyHidden(text) {
    const span = document.createElement("span");
    span.className = "visually-hidden";
    span.textContent = text;
    return span;
  }

  async function render() {
    const root = panel();
    if (!root || !started) return;
    root.hidden = false;
    const [entries, meta] = await Promise.all([outbox.entries(), outbox.meta()]);
    document.getElementById("device-saved").textContent = savedText(meta);
    const waiting = entries.filter((entry) => WAITING.has(entry.status));
    const attention = entries.length - waiting.length;
    const parts = [];
    if (waiting.length) parts.push(`${waiting.length} waiting to sync`);
    if (attention) parts.push(`${attention} ${attention === 1 ? "needs" : "need"} your attention`);
    document.getElementById("device-outbox").hidden = entries.length === 0;
    document.getElementById("device-count").textContent = parts.join(" · ");
    document.getElementById("device-sign-in").hidden = !entries.some((entry) => entry.status === "needs-login");
    document.getElementById("device-list").replaceChildren(...entries.map(item));
    const newsBox = document.getElementById("device-news");
    newsBox.replaceChildren(...news.map((text) => {
      const line = document.createElement("p");
      line.textContent = text;
      return line;
    }));
    scheduleRetry(waiting);
  }

  // Backed-off entries are retried while a page is open (a worker's timers die with it). The
  // worker sends in order, so the first waiting entry says when the next pass can start.
  function scheduleRetry(waiting) {
    clearTimeout(retry);
    const first = waiting[0];
    if (!first || first.status !== "queued" || !navigator.onLine || document.visibilityState !== "visible") return;
    retry = setTimeout(() => toWorker({type: "flush"}), Math.max(first.nextAttempt - Date.now(), 1000));
  }

  function firstParagraph(html) {
    const paragraph = new DOMParser().parseFromString(html, "text/html").querySelector("p");
    return paragraph ? paragraph.textContent.trim() : "";
  }

  function delivered(results) {
    news = [`Synced ${plural(results.length, "result", "results")}.`, ...results.map((r) => firstParagraph(r.html))];
    const root = panel();
    // The route lists each stop's status: redraw it (never a page with a form being filled).
    if (root && root.dataset.page === "route") refreshRoute();
  }

  // The page as the server has it now; kept as it is when the server cannot be reached.
  function refreshRoute() {
    fetch(location.pathname + location.search, {credentials: "same-origin"})
      .then((response) => (response.ok && !response.redirected ? response.text() : null))
      .then((html) => {
        const fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("main");
        const main = document.getElementById("main");
        if (!fresh || !main) return;
        const adopted = document.adoptNode(fresh);
        main.replaceWith(adopted);
        if (window.htmx) window.htmx.process(adopted);
        render();
      })
      .catch(() => {});
  }

  // A result waiting on this device is shown in its form, to change it (same key: it replaces
  // the entry) or, when the server refused it, with the server's own messages beside the fields.
  async function prefill() {
    const form = document.querySelector("form[data-outbox]");
    if (!form || !supported) return;
    const action = new URL(form.action, location.href).pathname;
    const entry = (await outbox.entries()).find((e) => e.url === action);
    if (!entry) return;
    if (entry.status === "rejected" || entry.status === "failed") {
      const holder = document.getElementById("result-entry");
      const answer = new DOMParser().parseFromString(entry.fragment, "text/html").getElementById("result-entry");
      if (holder && answer) {
        const adopted = document.adoptNode(answer);
        holder.replaceWith(adopted);
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
    notice.textContent = `This result is saved on this device: ${STATES[entry.status].toLowerCase()}. Change it and record it again to replace it.`;
    form.prepend(notice);
  }

  function watchUpdates(registration) {
    const show = () => {
      const note = document.getElementById("device-update");
      if (note && registration.waiting && navigator.serviceWorker.controller) note.hidden = false;
    };
    show();
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      if (installing) installing.addEventListener("statechange", show);
    });
  }

  function start() {
    const root = panel();
    if (!root || !supported) return;  // without a worker nothing is kept: the panel stays hidden
    const begin = (registration) => {
      if (!registration || started) return;  // refused: private mode, a policy
      started = true;
      watchUpdates(registration);
      render();
      prefill();
      toWorker({type: "flush"});
      if (navigator.onLine) toWorker({type: "save-route", force: root.dataset.page === "route"});
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    };
    // Offline, the worker that served this page is its registration (the update check fails).
    if (navigator.serviceWorker.controller) navigator.serviceWorker.ready.then(begin);
    navigator.serviceWorker.register("/sw.js", {scope: "/inspector"}).then(begin, () => {});
  }

  if (supported) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type === "outbox" && data.delivered && data.delivered.length) delivered(data.delivered);
      if (data.type === "outbox" || data.type === "saved") render();
    });
    window.addEventListener("online", () => {
      toWorker({type: "flush", force: true});
      toWorker({type: "save-route"});
      render();
    });
    window.addEventListener("offline", render);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible") toWorker({type: "flush"});
    });
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest ? event.target.closest("button") : null;
    if (!target) return;
    if (target.id === "device-sync") {
      news = ["Syncing…"];
      render();
      toWorker({type: "flush", force: true});
    } else if (target.dataset.remove) {
      outbox.remove(target.dataset.remove).then(render);
    }
  });

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
    event.detail.headers["Idempotency-Key"] = field.value;
    event.detail.headers["Outbox-Label"] = encodeURIComponent(form.dataset.label || "");
    const root = panel();
    if (root && root.dataset.account) event.detail.headers["Outbox-Account"] = root.dataset.account;
  });

  // No worker controls the page (first visit, or a browser without one) and no connection:
  // the form keeps what was typed and says so.
  document.addEventListener("htmx:sendError", (event) => {
    if (!event.detail.elt.matches || !event.detail.elt.matches("form[data-outbox]")) return;
    news = ["Not sent: there is no connection. What you entered is still in the form: record it again when you are online."];
    const box = document.getElementById("device-news");
    if (box) {
      panel().hidden = false;
      box.textContent = news[0];
    }
  });



  start();
})();
