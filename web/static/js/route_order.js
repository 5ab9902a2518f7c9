// The route page's "Move up" and "Move down" with JavaScript (issue 17 §3): the stop moves at
// once, the order is kept on the device and sent when online (static/js/route_device.js); a saved
// route page older than the device's order shows the device's. Plain forms do the same without
// JavaScript (web/inspector/route_order.py). Also the bottom bar's word on what waits on the
// device, and the triggers that send it: load, `online`, and every half minute while it waits.
"use strict";
(function () {
  const device = window.PermitlineRouteDevice;
  const {account, read, write, blank, days, same, say} = device;
  const SEND_AFTER_MOVE_MS = 700;
  const RETRY_MS = 30000;

  // --- the route page
  function route() {
    return document.getElementById("route");
  }

  function stops(list) {
    return [...list.children].filter((li) => li.dataset.stop);
  }

  function idsOf(list) {
    return stops(list).map((li) => Number(li.dataset.stop));
  }

  function refreshButtons(list) {
    const all = stops(list);
    all.forEach((li, n) => {
      const up = li.querySelector("button[value=up]");
      const down = li.querySelector("button[value=down]");
      if (up) up.disabled = n === 0;
      if (down) down.disabled = n === all.length - 1;
    });
  }

  // The device's order first (the stops it names that are on the page), then the page's others.
  function arrange(list, order) {
    const byId = new Map(stops(list).map((li) => [Number(li.dataset.stop), li]));
    const first = order.filter((id) => byId.has(id));
    const rest = [...byId.keys()].filter((id) => !first.includes(id));
    for (const id of [...first, ...rest]) list.append(byId.get(id));
    refreshButtons(list);
  }

  // The page's order, or the device's when it was moved here and not sent yet, or is newer
  // than the page (a saved page from before the last move).
  function adopt() {
    const list = route();
    const who = account();
    if (!list || !who) return;
    const day = list.dataset.day;
    const pageStamp = Number(list.dataset.stamp) || 0;
    const entry = read(who, day) || blank();
    if (entry.order && (entry.dirty || entry.stamp > pageStamp)) {
      if (!same(entry.order, idsOf(list))) {
        arrange(list, entry.order);
        say(entry.dirty ? "Your order on this device is shown: it is sent when the connection is back."
          : "Your order on this device is shown.");
      }
      return;
    }
    write(who, day, {...entry, order: idsOf(list), dirty: false, stamp: pageStamp});
  }

  let sendLater = null;

  function move(form, direction) {
    const list = route();
    const li = form.closest("li[data-stop]");
    const who = account();
    if (!list || !li) return;
    const other = direction === "up" ? li.previousElementSibling : li.nextElementSibling;
    if (!other) return;
    // The neighbour moves, not the stop being moved: its button keeps the focus.
    if (direction === "up") li.after(other); else li.before(other);
    refreshButtons(list);
    const pressed = form.querySelector(`button[value=${direction}]`);
    const back = direction === "up" ? "down" : "up";
    if (pressed.disabled) form.querySelector(`button[value=${back}]`).focus();
    const all = stops(list);
    const name = li.querySelector("strong");
    say(`Moved ${name ? name.textContent : "the stop"} to stop ${all.indexOf(li) + 1} of ${all.length}.`);
    if (!who) return;
    const day = list.dataset.day;
    write(who, day, {...(read(who, day) || blank()), order: idsOf(list), dirty: true});
    updateBar();
    clearTimeout(sendLater);
    sendLater = setTimeout(device.sendAll, SEND_AFTER_MOVE_MS);
  }

  document.addEventListener("submit", (event) => {
    const form = event.target.closest ? event.target.closest("form[data-move]") : null;
    if (!form || !route()) return;
    event.preventDefault();
    const direction = event.submitter ? event.submitter.value : "";
    if (direction === "up" || direction === "down") move(form, direction);
  });

  // --- the bottom bar: what waits to be sent, from the result and photo queues (as
  // #device-count says it) and the order and taps kept here.
  let barLater = null;

  function updateBar() {
    clearTimeout(barLater);
    barLater = setTimeout(drawBar, 50);
  }

  // Photos waiting and refused, as the device panel counts them (static/js/photo_list.js).
  async function photoCounts() {
    const photoQueue = window.PermitlinePhotoQueue;
    const list = window.PermitlinePhotoList;
    try {
      return photoQueue && list && await photoQueue.available() ? list.counts(await photoQueue.entries())
        : {waiting: 0, attention: 0};
    } catch (error) {
      return {waiting: 0, attention: 0};
    }
  }

  async function drawBar() {
    const item = document.getElementById("field-sync");
    if (!item) return;
    const panel = document.getElementById("device");
    const queue = window.PermitlineResultQueue;
    const who = account();
    let kept = 0;
    for (const day of who ? days(who) : []) {
      const entry = read(who, day);
      if (entry) kept += (entry.dirty ? 1 : 0) + entry.taps.length;
    }
    let results = [];
    let photos = {waiting: 0, attention: 0};
    const worker = Boolean(panel && !panel.hidden && queue);
    if (worker) [results, photos] = await Promise.all([queue.entries().catch(() => []), photoCounts()]);
    if (!worker && !kept) {
      item.hidden = true;  // nothing is kept on this device: nothing to say
      return;
    }
    const fix = results.filter((e) => e.status !== "queued" && e.status !== "needs-login").length
      + photos.attention;
    const count = results.filter((e) => e.status === "queued" || e.status === "needs-login").length
      + photos.waiting + kept;
    const parts = [];
    if (count) parts.push(`${count} waiting`);
    if (fix) parts.push(`${fix} to fix`);
    if (!parts.length) parts.push(navigator.onLine ? "All synced" : "Nothing waiting");
    if (!navigator.onLine) parts.unshift("Offline");
    const link = item.querySelector("a");
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = "On this device: ";
    link.replaceChildren(hidden, parts.join(" · "));
    item.hidden = false;
  }

  // inspector.js redraws the device panel and, after a sync, replaces the route's <main>.
  const panelWatch = new MutationObserver(updateBar);

  function watchMain() {
    const main = document.getElementById("main");
    panelWatch.disconnect();
    if (!main) return;
    panelWatch.observe(main, {subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ["hidden"]});
  }

  new MutationObserver((changes) => {
    if (!changes.some((change) => [...change.addedNodes].some((node) => node.id === "main"))) return;
    watchMain();
    adopt();
    device.showTaps();
    updateBar();
  }).observe(document.body, {childList: true});

  window.addEventListener("online", () => {
    device.sendAll();
    updateBar();
  });
  window.addEventListener("offline", updateBar);
  if ("serviceWorker" in navigator) navigator.serviceWorker.addEventListener("message", updateBar);
  // A tap kept while the phone said it was online but nothing got through: tried again.
  setInterval(() => {
    if (document.visibilityState === "visible" && navigator.onLine) device.sendAll();
  }, RETRY_MS);
  document.addEventListener("permitline:device", updateBar);
  watchMain();
  adopt();
  device.showTaps();
  updateBar();
  device.sendAll();
})();
