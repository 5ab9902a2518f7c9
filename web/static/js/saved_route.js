// The route saved for offline use (DESIGN §3), a part of the service worker: web/sw.js loads it
// with importScripts and shares its globals (the caches' names, the result queue, sessionNow,
// notify). Today's and the next working day's routes and each of their stops are saved; pages
// no longer on them are dropped; signing out or another inspector signing in drops them all.
// When the phone runs short of storage, the other days' pages go before anything else.
"use strict";

const SAVE_CONCURRENCY = 4;
const SAVE_AGAIN_AFTER_MS = 5 * 60 * 1000;

async function forgetPages() {
  await caches.delete(PAGES_CACHE);
  await resultQueue.setMeta("savedAt", null);
  await resultQueue.setMeta("pagesAccount", null);
  await notify({type: "saved"});
}

let saving = null;

function saveRoute(options) {
  if (!saving) saving = saveRouteNow(options).finally(() => { saving = null; });
  return saving;
}

async function saveRouteNow({force}) {
  const meta = await resultQueue.meta();
  if (!force && meta.savedAt && Date.now() - meta.savedAt < SAVE_AGAIN_AFTER_MS) return;
  const session = await sessionNow();
  if (session === "signed-out") return forgetPages();
  if (!session) return;
  await ensurePrecache();
  // Pages saved for another inspector signed in on this phone before are not this one's.
  if (meta.pagesAccount && meta.pagesAccount !== session.account) await forgetPages();
  await resultQueue.setMeta("pagesAccount", session.account);
  const cache = await caches.open(PAGES_CACHE);
  const queue = [...session.pages];
  let saved = 0;
  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      try {
        const response = await fetch(url, {credentials: "same-origin", redirect: "manual"});
        if (response.ok) {
          await cache.put(url, response);
          saved += 1;
        }
      } catch (error) {
        // keep the copy saved earlier; the next save tries again
      }
    }
  };
  await Promise.all(Array.from({length: SAVE_CONCURRENCY}, worker));
  if (saved < session.pages.length) return notify({type: "saved"});
  const keep = new Set(session.pages);
  for (const request of await cache.keys()) {
    if (!keep.has(pathOf(request.url))) await cache.delete(request);
  }
  await resultQueue.setMeta("savedAt", Date.now());
  // Read now: the page may have asked for room while these pages were being saved.
  const {roomNeeded} = await resultQueue.meta();
  if (roomNeeded > 0) await makeRoom(roomNeeded);
  await notify({type: "saved"});
}

// Storage runs short (the page measured it: static/js/storage_watch.js): saved pages are
// dropped, the oldest first, until `need` bytes are free — never today's route and its stops,
// and never a result or photo waiting to sync (IndexedDB, which this never touches). Kept in
// mind for the next saves of the route, until the page finds enough room again (need 0).
async function makeRoom(need) {
  await resultQueue.setMeta("roomNeeded", need);
  if (need <= 0) return;
  const cache = await caches.open(PAGES_CACHE);
  const keep = await todaysPages(cache);
  const pages = [];
  for (const request of await cache.keys()) {
    if (keep.has(pathOf(request.url))) continue;
    const response = await cache.match(request);
    if (!response) continue;
    const savedAt = Date.parse(response.headers.get("Date") || "") || 0;
    pages.push({request, savedAt, size: (await response.blob()).size});
  }
  pages.sort((a, b) => a.savedAt - b.savedAt);  // stable: in the order saved
  let freed = 0;
  for (const page of pages) {
    if (freed >= need) break;
    await cache.delete(page.request);
    freed += page.size;
  }
  if (pages.length) await notify({type: "saved"});
}

// Today's route as saved: its page (under both of its addresses) and the stops it links to.
async function todaysPages(cache) {
  const keep = new Set([ROUTE]);
  const route = await cache.match(ROUTE, {ignoreVary: true});
  if (!route) return keep;
  const escaped = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const stop = new RegExp(`href="(${escaped(INSPECTION_PAGE).replace(ANY_ID, "\\d+")})"`, "g");
  for (const [, path] of (await route.text()).matchAll(stop)) keep.add(path);
  const first = [...keep].find((path) => path !== ROUTE);
  const page = first && await cache.match(first, {ignoreVary: true});
  // A stop's "Back to the route" names its day: today's route under its other address.
  const back = page && (await page.text()).match(new RegExp(`href="(${escaped(ROUTE)}\\?day=[0-9-]+)"`));
  if (back) keep.add(back[1]);
  return keep;
}

// The browser may evict caches under storage pressure: put the precache back.
async function ensurePrecache() {
  const cache = await caches.open(STATIC_CACHE);
  for (const url of [...PRECACHE, OFFLINE_PAGE]) {
    if (!(await cache.match(url))) await cache.add(url).catch(() => {});
  }
}
