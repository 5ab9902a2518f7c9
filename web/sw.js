// Permitline service worker, a Jinja template served at /sw.js by web/service_worker.py, which
// renders its version, precache list, URLs (from the routes' names) and its scripts' URLs once
// per process. Registered by static/js/inspector.js for the scope /inspector only.
// Sections as in ../shared/DESIGN.md §3: config, install, activate, fetch router, result and
// photo sync (static/js/result_sync.js, photo_sync.js), triggers, notify.
"use strict";

// --- config
const VERSION = {{ version|tojson }};
const PRECACHE = {{ precache|tojson }};
const OFFLINE_PAGE = {{ urls.offline_page|tojson }};
const STATIC_CACHE = `static-${VERSION}`;
// Not versioned: the saved route outlives an update of the worker.
const PAGES_CACHE = "inspector-pages";
// The paths, from the routes' names (the imported scripts read these globals too).
const SAVED_PAGES = {{ urls.saved_pages|tojson }};
const ROUTE = {{ urls.route|tojson }};
const SIGN_IN = {{ urls.sign_in|tojson }};
const STATIC = {{ urls.static|tojson }};
const INSPECTION_PAGE = {{ urls.inspection|tojson }};  // of the inspection with id ANY_ID
const ANY_ID = {{ urls.any_id|tojson }};
const RESULT_POST = new RegExp({{ urls.result_post|tojson }});  // captures the inspection's id
const PHOTO_POST = {{ urls.photo_post|tojson }};  // of the inspection with id ANY_ID
const ROUTE_PAGE = new RegExp({{ urls.route_page|tojson }});
const NETWORK_TIMEOUT_MS = 3000;
const ANSWER_WITHIN_MS = 4000;  // a tap on "Record" is answered by then, sent or saved
const SESSION_TIMEOUT_MS = 5000;
const SEND_TIMEOUT_MS = 15000;
const RETRY_SOON_MS = 2000;
const BACKOFF_CAP_MS = 5 * 60 * 1000;
importScripts({{ result_queue_script|tojson }}, {{ result_sync_script|tojson }},
              {{ saved_route_script|tojson }}, {{ photo_queue_script|tojson }},
              {{ photo_sync_script|tojson }}, {{ photo_resize_script|tojson }});
const resultQueue = self.PermitlineResultQueue;
const photoQueue = self.PermitlinePhotoQueue;
// Registered with Background Sync, a tag outlives an update of the worker: kept by name
// (static/js/result_queue.js).
const SYNC_TAG = "outbox";
// A page saved before a static file was renamed names the old file.
const RENAMED = {[`${STATIC}js/outbox.js`]: `${STATIC}js/result_queue.js`};

// --- install: the versioned static assets and the offline page; no skipWaiting, so a new
// version waits until no page uses the old one and never interrupts a half-filled form.
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(STATIC_CACHE).then((cache) => cache.addAll([...PRECACHE, OFFLINE_PAGE])));
});

// --- activate: drop the static caches of earlier versions (queued entries live in IndexedDB
// and the saved route in its own cache, so nothing queued or saved is lost), take the pages
// opened before the first install, then send what waits — after activation, which holds every
// fetch of the pages until it ends.
self.addEventListener("activate", (event) => {
  const activated = (async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("static-") && name !== STATIC_CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })();
  event.waitUntil(activated);
  activated.then(() => flush({})).catch(() => {});
});

// --- fetch router
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && RESULT_POST.test(url.pathname)) {
    event.respondWith(submitResult(event, request, url));
    return;
  }
  if (request.method !== "GET") return;  // every other change goes to the server as usual
  if (url.pathname.startsWith(STATIC)) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" && url.pathname === OFFLINE_PAGE) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, url));
  }
  // htmx fragment requests and the rest: the browser's own fetch, never cached here.
});

async function cacheFirst(request) {
  const renamed = RENAMED[new URL(request.url).pathname];
  if (renamed) return (await caches.match(renamed, {cacheName: STATIC_CACHE, ignoreSearch: true})) || fetch(renamed);
  const cached = await caches.match(request, {cacheName: STATIC_CACHE});
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (response.ok && new URL(request.url).searchParams.has("v")) {
      const cache = await caches.open(STATIC_CACHE);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    // A page saved before an update names the previous version of a file: this version's
    // copy of it, rather than a page without its styles or scripts.
    const current = await caches.match(request, {cacheName: STATIC_CACHE, ignoreSearch: true});
    if (current) return current;
    throw error;
  }
}

function pathOf(url) {
  const parsed = new URL(url, self.location.origin);
  return parsed.pathname + parsed.search;
}

async function networkFirst(request, url) {
  const pages = await caches.open(PAGES_CACHE);
  const key = pathOf(url);
  const network = fetch(request).then(async (response) => {
    if (response.type === "opaqueredirect" && ROUTE_PAGE.test(url.pathname)) {
      // Inspector pages redirect only to sign in: the session is over, so the saved pages,
      // which hold access codes and city-only notes, go too (the results waiting to sync stay).
      await forgetPages();
    } else if (response.ok && ROUTE_PAGE.test(url.pathname)) {
      await pages.put(key, response.clone());
    }
    return response;
  });
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, "late"));
  try {
    const first = await Promise.race([network, late]);
    const saved = () => pages.match(key, {ignoreVary: true});
    if (first !== "late") return first.status >= 500 ? (await saved()) || first : first;
    return (await saved()) || await network;
  } catch (error) {
    return (await pages.match(key, {ignoreVary: true}))
      || (await caches.match(OFFLINE_PAGE, {cacheName: STATIC_CACHE}))
      || Response.error();
  }
}

// The result POST: the entry is stored first, then sent in turn with whatever waits before it;
// the page gets the server's answer, or 202 "saved on this device" when there is none within
// a few seconds (the flush goes on). A form posted without the page's script (its key in the
// body) that cannot reach the server is saved too, and the route is shown. The photos taken in
// the form wait on the device for the result and are sent after it (static/js/photo_sync.js).
async function submitResult(event, request, url) {
  const native = !request.headers.has("Idempotency-Key");
  const {fields: posted, files} = await formOf(request);
  const fields = posted.filter(([name]) => !NOT_RESULT.has(name));
  const key = request.headers.get("Idempotency-Key") || valueOf(posted, "idempotency_key");
  if (native) {
    try {
      return await fetch(request);
    } catch (error) {
      if (!key) throw error;
    }
  }
  const now = Date.now();
  // Entered now (a form posted without the page's script carries no time of its own).
  if (!fields.some(([name]) => name === "entered_at")) fields.push(["entered_at", new Date(now).toISOString()]);
  const entry = {
    key, url: url.pathname, page: INSPECTION_PAGE.replace(ANY_ID, url.pathname.match(RESULT_POST)[1]), fields,
    label: decodeURIComponent(request.headers.get("Outbox-Label") || ""),
    account: Number(request.headers.get("Outbox-Account")) || null,
    status: "queued", attempts: 0, nextAttempt: 0, created: now, stamp: `${now}-${Math.random()}`,
  };
  const earlier = await resultQueue.get(key);
  if (earlier) entry.created = earlier.created;  // a corrected entry keeps its place
  await resultQueue.put(entry);
  // Recorded again under a new key after the server refused the old one (a key used for
  // another inspection): the refused entry is replaced, not left behind, its photos follow.
  const replaced = request.headers.get("Outbox-Replaces");
  const old = replaced && replaced !== key ? await resultQueue.get(replaced) : null;
  if (old && old.url === entry.url && !SENDABLE.has(old.status)) {
    await resultQueue.remove(replaced);
    await photoQueue.relink(replaced, key);
  }
  const inspection = Number(url.pathname.match(RESULT_POST)[1]);
  const caption = request.headers.has("Photo-Caption")
    ? decodeURIComponent(request.headers.get("Photo-Caption")) : valueOf(posted, "caption");
  await photoQueue.release(inspection, "result", key, caption === null ? undefined : caption);
  await keepFiles(files, {key, inspection, page: entry.page, label: entry.label, account: entry.account,
    caption: valueOf(posted, "caption") || ""});
  await notify({type: "outbox"});
  if (native) {
    if (self.registration.sync) self.registration.sync.register(SYNC_TAG).catch(() => {});
    return Response.redirect(ROUTE, 303);
  }
  awaited.set(key, entry.stamp);
  const told = heard(key);  // before the flush: its first pass listens
  const flushed = flush({force: true}).finally(() => awaited.delete(key));
  event.waitUntil(flushed.catch(() => {}));
  const answered = await Promise.race([told.then(() => true),
    new Promise((resolve) => setTimeout(resolve, ANSWER_WITHIN_MS, false))]);
  const answer = answered && answers.get(key);
  flushed.then(() => answers.delete(key), () => {});  // nobody waits for it after this
  if (answer) {
    answers.delete(key);
    return new Response(answer.body, {status: answer.status, headers: {"Content-Type": "text/html; charset=utf-8", "Idempotency-Key": key}});
  }
  const stored = await resultQueue.get(key);
  if (stored && (stored.status === "rejected" || stored.status === "failed")) {
    return new Response(stored.fragment, {status: 422, headers: {"Content-Type": "text/html; charset=utf-8"}});
  }
  if (self.registration.sync) self.registration.sync.register(SYNC_TAG).catch(() => {});
  const waiting = (await resultQueue.entries()).filter((e) => e.status === "queued" || e.status === "needs-login").length;
  const photos = (await photoQueue.entries()).filter((photo) => photo.resultKey === key).length;
  return new Response(savedFragment(stored, waiting, photos), {status: 202, headers: {"Content-Type": "text/html; charset=utf-8"}});
}

// Not the result's: the CSRF token (a replay carries the session's own) and the photo field's.
const NOT_RESULT = new Set(["csrf_token", "photos", "caption"]);

async function formOf(request) {
  if (!(request.headers.get("Content-Type") || "").startsWith("multipart/form-data")) {
    return {fields: [...new URLSearchParams(await request.clone().text())], files: []};
  }
  const fields = [];
  const files = [];
  for (const [name, value] of await request.clone().formData()) {
    if (typeof value === "string") fields.push([name, value]);
    else if (value.size) files.push(value);
  }
  return {fields, files};
}

function valueOf(fields, name) {
  const field = fields.find(([named]) => named === name);
  return field ? field[1] : null;
}

// The photos of a result form posted without the page's script (multipart), kept as they were
// sent, with its caption and under the keys the server gives them in such a post ({result
// key}-{n}): if that post reached the server before the connection dropped, each is sent again
// as the same photo (its fingerprint: bytes, caption, no time) and stored once.
async function keepFiles(files, {key, inspection, page, label, account, caption}) {
  for (const [n, file] of files.entries()) {
    const now = Date.now();
    const thumb = await self.PermitlinePhotoResize.thumbnail(file).catch(() => null);
    await photoQueue.put({
      key: `${key}-${n + 1}`, inspection, url: null, page, label, form: "result", resultKey: key,
      caption, takenAt: null, blob: file, name: file.name, thumb, status: "queued", error: "",
      attempts: 0, nextAttempt: 0, created: now, account, stamp: `${now}-${Math.random()}`,
    });
  }
}

function savedFragment(entry, waiting, photos) {
  const signIn = entry && entry.status === "needs-login"
    ? `<p>Your session has ended: <a href="${SIGN_IN}?next=${ROUTE}">sign in to sync</a>. The result stays on this device until then.</p>`
    : "<p>It will be sent when the connection is back.</p>";
  const after = photos ? `<p>${photos === 1 ? "Its photo is" : `Its ${photos} photos are`} sent after it.</p>` : "";
  return `<div id="result-entry" class="notice" role="status"><p><strong>Saved on this device — ${waiting} waiting to sync.</strong></p>${signIn}${after}<p><a href="${ROUTE}">Back to the route</a></p></div>`;
}

// --- result sync: web/static/js/result_sync.js (flush, send, backOff).

// --- triggers: Background Sync where the browser has it; the pages send "flush" on load,
// `online`, visibility and "Sync now" (Safari and Firefox have no Background Sync).
self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(flush({}).then(async () => {
    const left = (await resultQueue.entries()).some((e) => e.status === "queued")
      || (await photosToSend()).some((photo) => photo.status === "queued");
    if (left && !event.lastChance) throw new Error("entries still waiting");  // the browser retries later
  }));
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "flush") event.waitUntil(flush({force: Boolean(data.force)}).catch(() => {}));
  else if (data.type === "save-route") event.waitUntil(saveRoute({force: Boolean(data.force)}).catch(() => {}));
  else if (data.type === "make-room") event.waitUntil(makeRoom(Number(data.need) || 0).catch(() => {}));
});

// --- notify: every inspector page redraws its badge and list.
async function notify(message) {
  const pages = await self.clients.matchAll({type: "window", includeUncontrolled: true});
  for (const page of pages) page.postMessage(message);
}
