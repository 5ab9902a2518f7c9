// The inspector's order of a day's stops and the taps of Arrived and Left kept on the device
// (issue 17 §3): localStorage, one entry per account and day, so they survive offline reloads of
// the saved route; sent when online, one day's entry at a time, the whole order each time (the
// last order sent wins; web/inspector/route_order.py). Used by static/js/route_order.js (the
// route page's moves, the bottom bar) and static/js/site_visits.js (Arrived and Left), which
// hear of each change by the document's "permitline:device" event.
// An entry: {order: [ids] | null, dirty: the order is not sent yet, stamp: when the server saved
// the order this one is from (ms, the route page's data-stamp), taps: [{inspection, event, at}]}.
"use strict";
(function () {
  const PREFIX = "permitline-route:";
  const TAPS_PER_SEND = 40;  // the server reads at most 60 a request
  const KEEP_DAYS = 14;  // an entry with nothing waiting, of a day this long past, is dropped

  function bar() {
    return document.getElementById("field-bar");
  }

  function account() {
    const device = document.getElementById("device");
    return (device && device.dataset.account) || "";
  }

  function token() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRF-Token"] || "";
    } catch (error) {
      return "";
    }
  }

  // --- the device's copy
  function keyOf(who, day) {
    return `${PREFIX}${who}:${day}`;
  }

  function read(who, day) {
    try {
      const entry = JSON.parse(localStorage.getItem(keyOf(who, day)) || "null");
      return entry && typeof entry === "object" ? {order: null, dirty: false, stamp: 0, taps: [], ...entry} : null;
    } catch (error) {
      return null;
    }
  }

  function write(who, day, entry) {
    try {
      localStorage.setItem(keyOf(who, day), JSON.stringify(entry));
    } catch (error) {
      say("This device has no room to keep the route's order.");
    }
  }

  function blank() {
    return {order: null, dirty: false, stamp: 0, taps: []};
  }

  function days(who) {
    const prefix = `${PREFIX}${who}:`;
    const found = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key && key.startsWith(prefix)) found.push(key.slice(prefix.length));
    }
    return found.sort();
  }

  function waiting(entry) {
    return Boolean(entry && (entry.dirty || entry.taps.length));
  }

  function say(text) {
    const box = document.getElementById("route-order-state") || document.querySelector(".visit-state");
    if (box) box.textContent = text;
  }

  // --- the times of Arrived and Left, as recorded and as kept here
  function clock(iso) {
    const zone = (bar() && bar().dataset.zone) || undefined;
    try {
      return new Date(iso).toLocaleTimeString("en-US", {hour: "numeric", minute: "2-digit", timeZone: zone})
        .replace(/\s+/g, " ").toLowerCase();
    } catch (error) {
      return iso;
    }
  }

  function showTaps() {
    const who = account();
    const kept = new Map();
    for (const day of who ? days(who) : []) {
      for (const tap of (read(who, day) || blank()).taps) {
        kept.set(tap.inspection, [...(kept.get(tap.inspection) || []), tap]);
      }
    }
    for (const line of document.querySelectorAll("[data-visit-line]")) {
      const taps = (kept.get(Number(line.dataset.visitLine)) || []).sort((a, b) => a.at.localeCompare(b.at));
      const device = taps.map((tap) => `${tap.event === "arrived" ? "Arrived" : "Left"} ${clock(tap.at)}`).join(" · ");
      const parts = [line.dataset.line, device && `on this device, not sent yet: ${device}`].filter(Boolean);
      if (!parts.length) continue;  // the page's own words ("not recorded yet") stay
      line.textContent = parts.join(" · ");
      line.hidden = false;
    }
  }

  function keepTap(day, tap) {
    const who = account();
    if (!who) return false;
    const entry = read(who, day) || blank();
    // Pressed again: the later time replaces the earlier one (the server does the same).
    entry.taps = [...entry.taps.filter((t) => !(t.inspection === tap.inspection && t.event === tap.event)), tap];
    write(who, day, entry);
    changed();
    return true;
  }

  function same(a, b) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((id, n) => id === b[n]);
  }

  function changed() {
    showTaps();
    document.dispatchEvent(new Event("permitline:device"));
  }

  // --- sending: one pass at a time, each day's entry in turn
  let sending = null;
  let again = false;

  function sendAll() {
    if (sending) {
      again = true;
      return sending;
    }
    sending = (async () => {
      try {
        do {
          again = false;
          await sendPass();
        } while (again);
      } finally {
        sending = null;
        changed();
      }
    })();
    return sending;
  }

  async function sendPass() {
    const who = account();
    const url = bar() && bar().dataset.sync;
    if (!who || !url || !navigator.onLine) return;
    const cutoff = new Date(Date.now() - KEEP_DAYS * 86400000).toISOString().slice(0, 10);
    for (const day of days(who)) {
      const entry = read(who, day);
      if (!waiting(entry)) {
        if (day < cutoff) localStorage.removeItem(keyOf(who, day));
        continue;
      }
      if (!(await sendDay(who, day, entry, url))) return;  // kept; tried again later
    }
  }

  async function sendDay(who, day, entry, url) {
    const taps = entry.taps.slice(0, TAPS_PER_SEND);
    const order = entry.dirty && entry.order ? entry.order.slice() : null;
    const body = new URLSearchParams({account: who, day, taps: JSON.stringify(taps)});
    if (order) body.set("stops", order.join(","));
    let response;
    try {
      response = await fetch(url, {method: "POST", body, credentials: "same-origin",
        headers: {"X-CSRF-Token": token(), Accept: "application/json"}});
    } catch (error) {
      say("Not sent yet: there is no connection. It is kept on this device.");
      return false;
    }
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      say(answer.error || (response.status === 401 || response.status === 403
        ? "Sign in again to send the order and times kept on this device."
        : "Not sent yet: the city's server did not answer. It is kept on this device."));
      return false;
    }
    const answer = await response.json();
    const now = read(who, day) || blank();
    if (order && Array.isArray(answer.stops)) {
      if (same(now.order, order)) {
        now.order = answer.stops;
        now.dirty = false;
      }  // moved again meanwhile: that order is sent next
      now.stamp = answer.stamp;
    }
    const sent = (t) => taps.some((s) => s.inspection === t.inspection && s.event === t.event && s.at === t.at);
    now.taps = now.taps.filter((t) => !sent(t));
    write(who, day, now);
    report(answer, order);
    return now.taps.length && !now.dirty ? sendDay(who, day, now, url) : true;
  }

  function report(answer, order) {
    const refused = [];
    for (const tap of answer.taps || []) {
      const line = document.querySelector(`[data-visit-line="${tap.inspection}"]`);
      if (tap.recorded && line) line.dataset.line = tap.line;
      if (!tap.recorded) refused.push(tap.message);
    }
    showTaps();
    if (refused.length) say(refused.join(" "));
    else if (order) say("Your order of the stops is saved.");
    else if ((answer.taps || []).length) say("The arrival and leaving times kept on this device were sent.");
  }
  window.PermitlineRouteDevice = {account, read, write, blank, days, waiting, same, say, keepTap,
    sendAll, showTaps, changed};
})();
