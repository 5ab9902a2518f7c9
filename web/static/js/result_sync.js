// Sending queued results (DESIGN §3), a part of the service worker: web/sw.js loads it with
// importScripts and shares its globals (the timeouts, the result queue, notify, and the photo
// sync's photosToSend, sendPhotos). One flush at a time, each entry sent with the session it
// was entered under, backing off on failure.
"use strict";

// --- result sync: one at a time (the `online` and `sync` triggers can fire in the same
// millisecond; two flushes would send the same entry twice). A trigger during a flush asks
// for one more pass, which picks up what was queued meanwhile. Each pass sends the results,
// then the photos (static/js/photo_sync.js): a photo waits while its result is queued.
const awaited = new Map();  // key → stamp of the entry a page waits to hear about
const answers = new Map();
// key → called once a pass that began after the page asked has sent the results (the photos
// that follow can take long on a weak connection: the page hears of its result before).
const hearers = new Map();
let flushing = null;
let again = null;

function flush(options) {
  if (flushing) {
    again = {force: Boolean((again && again.force) || options.force)};
    return flushing;
  }
  flushing = (async () => {
    let pass = options;
    try {
      for (;;) {
        await flushOnce(pass);
        if (!again) break;
        pass = again;
        again = null;
      }
    } finally {
      flushing = null;
      hear([...hearers.keys()]);
    }
  })();
  return flushing;
}

// Resolves when the answer to the result `key` is known, or the flush ended without it.
function heard(key) {
  return new Promise((resolve) => hearers.set(key, resolve));
}

function hear(keys) {
  for (const key of keys) {
    const resolve = hearers.get(key);
    hearers.delete(key);
    if (resolve) resolve();
  }
}

const SENDABLE = new Set(["queued", "needs-login"]);

async function flushOnce({force}) {
  const listening = [...hearers.keys()];
  const waiting = (await resultQueue.entries()).filter((e) => SENDABLE.has(e.status));
  const photos = await photosToSend();
  const due = (entry) => force || entry.nextAttempt <= Date.now();
  // In order: while the first result backs off, what follows waits too.
  if (waiting.length ? !due(waiting[0]) : !photos.some(due)) return;
  const delivered = [];
  let session = await sessionNow();
  let sent = 0;
  let told = false;
  try {
    if (session === null) {
      const first = waiting[0] || photos.find(due);
      if (first.status === "queued") await (waiting.length ? backOff : backOffPhoto)(first, "No connection", force);
      return;
    }
    if (session === "signed-out") {
      for (const entry of waiting) await settle(entry, {status: "needs-login", error: "Sign in to sync", nextAttempt: 0});
      for (const photo of photos) await settlePhoto(photo, {status: "needs-login", error: "Sign in to sync", nextAttempt: 0});
      return;
    }
    session = await sendResults(waiting, session, force, delivered);
    if (!session) return;
    if (delivered.length) await notify({type: "outbox", delivered});
    told = true;
    hear(listening);
    sent = await sendPhotos(session, force);
  } finally {
    hear(listening);
    await notify({type: "outbox", delivered: told ? [] : delivered, photos: sent});
    if (delivered.length) saveRoute({force: true}).catch(() => {});
  }
}

// The results in order; the session they were sent with, or null when a send stopped the pass.
async function sendResults(waiting, session, force, delivered) {
  for (const listed of waiting) {
    // As it is now: a correction saved during this pass is what gets sent.
    const entry = await resultQueue.get(listed.key);
    if (!entry || !SENDABLE.has(entry.status)) continue;
    if (entry.account && entry.account !== session.account) {
      await settle(entry, {status: "needs-login", error: "Entered by another account: sign in as them to sync", nextAttempt: 0});
      continue;
    }
    if (!force && entry.nextAttempt > Date.now()) return null;  // in order: later entries wait too
    let outcome;
    [outcome, session] = await signedSend(send, settle, entry, session, force);
    if (outcome === "stop") return null;
    if (outcome) delivered.push(outcome);
  }
  return session;
}

// One send (of a result or a photo); refused as "forbidden" (a CSRF token from before a
// sign-in), once more with the session as it is now, then `needs-login`. [outcome, session].
async function signedSend(sender, settler, item, session, force) {
  const outcome = await sender(item, session, force);
  if (outcome !== "forbidden") return [outcome, session];
  const now = await sessionNow();
  const retried = now && now !== "signed-out" ? await sender(item, now, force) : "stop";
  if (retried !== "forbidden") return [retried, now];
  await settler(item, {status: "needs-login", error: "Sign in to sync", nextAttempt: 0});
  return ["stop", now];
}

// Who is signed in, and the CSRF token the replays carry (the cookie is HttpOnly): from the
// server, so a device shared by two inspectors sends each one's entries as that inspector.
async function sessionNow() {
  try {
    const response = await fetch(SAVED_PAGES, {headers: {Accept: "application/json"}, credentials: "same-origin", redirect: "manual", cache: "no-store", signal: AbortSignal.timeout(SESSION_TIMEOUT_MS)});
    if (response.status === 401 || response.status === 403 || response.type === "opaqueredirect") return "signed-out";
    if (!response.ok) return null;
    return await response.json();
  } catch (error) {
    return null;
  }
}

// One entry to the server; the replay table of DESIGN §3. Returns what was delivered, null to
// go on with the next entry, "forbidden", or "stop".
async function send(entry, session, force) {
  try {
    return await answerOf(entry, session, force);
  } catch (error) {  // no connection, the 15 s timeout, a body cut off
    await backOff(entry, "No connection", force);
    return "stop";
  }
}

async function answerOf(entry, session, force) {
  const headers = {"Idempotency-Key": entry.key, "X-CSRF-Token": session.csrf, "HX-Request": "true", Accept: "text/html"};
  // Nobody waits for the answer, or an earlier try failed: entered offline, synced now (the
  // audit trail's channel, web/middleware/audit_actor.py).
  if (awaited.get(entry.key) !== entry.stamp || entry.attempts > 0) headers["Outbox-Deferred"] = "1";
  const response = await fetch(entry.url, {
    method: "POST", body: new URLSearchParams(entry.fields), credentials: "same-origin", redirect: "manual",
    headers,
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  const status = response.status;
  if (status >= 200 && status < 300 && response.headers.get("Idempotency-Key") === entry.key) {
    const body = await response.text();
    if (awaited.get(entry.key) === entry.stamp) answers.set(entry.key, {status, body});
    await settle(entry, null);
    return {key: entry.key, label: entry.label, html: body};
  }
  if (status === 401) {
    await settle(entry, {status: "needs-login", error: "Sign in to sync", nextAttempt: 0});
    return "stop";
  }
  if (status === 403) return "forbidden";
  if (status === 409) {
    await settle(entry, {nextAttempt: Date.now() + RETRY_SOON_MS, error: "Still being recorded"});
    return "stop";
  }
  if (status === 400 || status === 422) {
    // "true": the key was used for other contents of this result (`failed`). Anything else —
    // a field to correct, a day still to come, the key used for another inspection ("other-
    // target", issue 14 §5) — is `rejected`: the page shows the server's message and form.
    const reused = response.headers.get("Idempotency-Key-Reused") === "true";
    await settle(entry, {status: reused ? "failed" : "rejected", fragment: await response.text(),
      error: reused ? "Already sent with other contents" : ""});
    return null;
  }
  if ((status === 404 || status === 410) && response.headers.get("Permitline-Missing") === "inspection") {
    await settle(entry, {status: "stale", error: "This inspection is no longer on the city's records"});
    return null;
  }
  // 2xx without the echo, 3xx or an opaque redirect (a captive portal or a login page), 429,
  // 5xx, a 404 from something other than the app.
  await backOff(entry, status >= 500 ? "The city's server did not answer" : "Not accepted yet", force);
  return "stop";
}

// Exponential, capped; after a failure of a send somebody asked for (Sync now, the connection
// back, a tap on Record) the next try is soon: `online` can come before the network works.
async function backOff(entry, error, force) {
  const attempts = entry.attempts + 1;
  const delay = force ? RETRY_SOON_MS : Math.min(1000 * 2 ** attempts, BACKOFF_CAP_MS);
  await settle(entry, {attempts, error, nextAttempt: Date.now() + delay});
}

// Changes an entry only if nobody replaced it meanwhile (a correction with the same key is
// sent by the next pass); null deletes it: only after the server echoed its key.
function settle(entry, changes) {
  return resultQueue.update(entry.key, entry.stamp, changes);
}
