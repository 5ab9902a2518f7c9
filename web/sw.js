// Permitline service worker, served at /sw.js by web/service_worker.py, which fills in
// VERSION and PRECACHE at start-up. Sections as in ../shared/DESIGN.md §3: config, install,
// activate — then the fetch router, outbox flush, triggers and notify, which arrive with the
// offline inspector mode (issue 6). No page registers it until then.
"use strict";

// --- config
const VERSION = "__VERSION__";
const PRECACHE = __PRECACHE__;
const STATIC_CACHE = `static-${VERSION}`;

// --- install: the versioned static assets; no skipWaiting, so a new version waits until no
// page uses the old one and never interrupts a half-filled form.
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(STATIC_CACHE).then((cache) => cache.addAll(PRECACHE)));
});

// --- activate: drop the static caches of earlier versions (queued entries live in
// IndexedDB, not in caches, so nothing queued is lost).
self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys().then((names) => Promise.all(
    names.filter((name) => name.startsWith("static-") && name !== STATIC_CACHE)
      .map((name) => caches.delete(name)))));
});
