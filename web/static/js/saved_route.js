// The route saved for offline use (DESIGN §3), a part of the service worker: web/sw.js loads it
// with importScripts and shares its globals (the caches' names, the result queue, sessionNow,
// notify). Today's and the next working day's routes and each of their stops are saved; pages
// no longer on them are dropped; signing out or another inspector signing in drops them all.
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
  await notify({type: "saved"});
}

// The browser may evict caches under storage pressure: put the precache back.
async function ensurePrecache() {
  const cache = await caches.open(STATIC_CACHE);
  for (const url of [...PRECACHE, OFFLINE_PAGE]) {
    if (!(await cache.match(url))) await cache.add(url).catch(() => {});
  }
}
