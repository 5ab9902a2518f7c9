// Inspector mode on the device (DESIGN §3): registers the service worker for /inspector, says
// what is saved for offline use and what waits to sync (results, and photos: static/js/
// photo_list.js), and asks the worker to sync on load, `online`, visibility and "Sync now".
// The result form itself: static/js/result_form.js; photos: static/js/photo_field.js.
"use strict";
(function () {
  const resultQueue = window.PermitlineResultQueue;
  // Absent from a page saved before photos (served offline with this version's scripts).
  const photoQueue = window.PermitlinePhotoQueue;
  const photoList = window.PermitlinePhotoList;
  const supported = "serviceWorker" in navigator && Boolean(resultQueue) && "indexedDB" in window;
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
    // Only a page the worker controls is served offline: one loaded past it (the first visit
    // before the worker took it, a hard reload) never says "Ready offline".
    if (!navigator.serviceWorker.controller) {
      return navigator.onLine ? "The offline copy of inspections will be ready after you reload this page." : "Offline: this page was not opened through the offline copy.";
    }
    if (!meta.savedAt) {
      return navigator.onLine ? "Saving the route for offline use…" : "Offline: the route is not saved on this device.";
    }
    return navigator.onLine ? `Ready offline · updated ${clock(meta.savedAt)}` : `Offline · route saved at ${clock(meta.savedAt)}`;
  }

  // Whether any saved page is on the phone (the worker reopens the cache empty when it
  // looks for a page, so its mere existence says nothing).
  async function pagesOnPhone() {
    if (!window.caches) return false;
    const pages = await caches.open("inspector-pages");
    return (await pages.keys()).length > 0;
  }

  function resultOf(entry) {
    const field = entry.fields.find(([name]) => name === "result");
    return field ? field[1] : "";
  }

  // The server's own words for a refused entry (the error summary of the form it answered
  // with): what to correct, or why it cannot be recorded yet.
  function serverMessage(entry) {
    if (!entry.fragment) return "";
    const answer = new DOMParser().parseFromString(entry.fragment, "text/html");
    return [...answer.querySelectorAll(".error-summary li")].map((li) => li.textContent.trim()).join(" ");
  }

  function sentence(text) {
    return /[.!?]$/.test(text) ? text : `${text}.`;
  }

  // The state, then what the server or the last try said — once: a message that only repeats
  // the state ("Needs correcting: Needs correcting.") is left out (issue 14 §6).
  function detail(entry) {
    if (entry.status !== "queued") {
      const said = serverMessage(entry) || entry.error || "";
      return said && said !== STATES[entry.status] ? `: ${sentence(said)}` : ".";
    }
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
    const [entries, stored, pagesKept, photos] = await Promise.all([
      resultQueue.entries(), resultQueue.meta(), pagesOnPhone(), photosOnPhone()]);
    // Signing out drops the saved pages (static/js/permitline.js) but not this record of when
    // they were saved: never say a route is saved that is no longer on the phone.
    const meta = pagesKept ? stored : {...stored, savedAt: null};
    document.getElementById("device-saved").textContent = savedText(meta);
    const waiting = entries.filter((entry) => WAITING.has(entry.status));
    const counted = photoList ? photoList.counts(photos) : {waiting: 0, attention: 0, drafts: 0};
    const attention = entries.length - waiting.length + counted.attention;
    const parts = [];
    if (waiting.length + counted.waiting) parts.push(`${waiting.length + counted.waiting} waiting to sync`);
    if (attention) parts.push(`${attention} ${attention === 1 ? "needs" : "need"} your attention`);
    if (counted.drafts) parts.push(`${counted.drafts} not sent yet`);
    document.getElementById("device-outbox").hidden = entries.length + photos.length === 0;
    document.getElementById("device-count").textContent = parts.join(" · ");
    document.getElementById("device-sign-in").hidden = ![...entries, ...photos].some((entry) => entry.status === "needs-login");
    document.getElementById("device-details").hidden = entries.length === 0;
    document.getElementById("device-list").replaceChildren(...entries.map(item));
    if (photoList) photoList.renderDevice(photos, new Set(entries.map((entry) => entry.key)));
    const newsBox = document.getElementById("device-news");
    newsBox.replaceChildren(...news.map((text) => {
      const line = document.createElement("p");
      line.textContent = text;
      return line;
    }));
    scheduleRetry(waiting, photos.filter((photo) => photo.status === "queued"));
  }

  // The photos on this device, once the worker has upgraded the database to hold them.
  async function photosOnPhone() {
    return photoQueue && await photoQueue.available().catch(() => false) ? photoQueue.entries() : [];
  }

  // Backed-off entries are retried while a page is open (a worker's timers die with it). The
  // worker sends results in order, so the first waiting result says when the next pass can
  // start; photos wait behind it, or, with no result waiting, the first one due.
  function scheduleRetry(waiting, photos) {
    clearTimeout(retry);
    const first = waiting[0] || [...photos].sort((a, b) => a.nextAttempt - b.nextAttempt)[0];
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

  // Told once a pass has sent photos, after the news of its results (kept above); added up
  // while this page is open (a result recorded meanwhile is sent between two photos).
  function photosDelivered(count) {
    const earlier = news.map((line) => /^Synced (\d+) photos?\.$/.exec(line)).find(Boolean);
    const told = news.filter((line) => line !== "Syncing…" && !/^Synced \d+ photos?\.$/.test(line));
    const total = count + (earlier ? Number(earlier[1]) : 0);
    news = [...told, `Synced ${plural(total, "photo", "photos")}.`];
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
      if (window.PermitlineResultForm) window.PermitlineResultForm.prefill(STATES);
      if (window.PermitlineStorage) window.PermitlineStorage.check();
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
      if (data.type === "outbox" && data.photos) photosDelivered(data.photos);
      if (data.type === "outbox" || data.type === "saved") render();
    });
    window.addEventListener("online", () => {
      toWorker({type: "flush", force: true});
      toWorker({type: "save-route"});
      render();
    });
    window.addEventListener("offline", render);
    // The worker took this page (clients.claim() on its first activation): say so.
    navigator.serviceWorker.addEventListener("controllerchange", render);
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
      resultQueue.remove(target.dataset.remove).then(render);
    }
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



  // For the photo field and list (static/js/photo_field.js, photo_list.js) and the storage watch.
  window.PermitlineDevice = {render, toWorker, words: {clock, plural, sentence, visuallyHidden}};
  start();
})();
