// Permitline service worker. Served at /sw.js by web/service_worker.py.
// Issue 2 serves it but no page registers it yet; the offline inspector mode (issue 6) fills in
// the sections of ../shared/DESIGN.md §3: config, install, activate, fetch router, outbox
// flush, triggers, notify.
