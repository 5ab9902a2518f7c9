// Sending queued photos (issue 17 §1), a part of the service worker: web/sw.js loads it with
// importScripts and shares its globals (the photo and result queues, the timeouts, sessionNow,
// notify, and the flush of static/js/result_sync.js, which calls sendPhotos after the results).
// Each photo is one multipart request with its own Idempotency-Key: one cut off half-sent is
// sent again with the same key, and the server stores it once.
"use strict";

const PHOTO_TIMEOUT_MS = 60000;  // 500 KB over a weak connection
const PHOTO_NAME = "photo.jpg";

// The photos that can go now: queued (or waiting for a sign-in), and not behind a result that
// is still in the result queue, whatever its state (a result to correct keeps its photos).
async function photosToSend() {
  const [photos, results] = await Promise.all([photoQueue.entries(), resultQueue.entries()]);
  const queued = new Set(results.map((entry) => entry.key));
  const behind = (photo) => photo.resultKey && queued.has(photo.resultKey);
  return photos.filter((photo) => SENDABLE.has(photo.status) && !behind(photo));
}

// Returns how many the server stored.
async function sendPhotos(session, force) {
  let sent = 0;
  for (const listed of await photosToSend()) {
    const photo = await photoQueue.get(listed.key);  // as it is now: it may have been removed
    if (!photo || !SENDABLE.has(photo.status)) continue;
    if (!force && photo.nextAttempt > Date.now()) continue;
    if (photo.account && photo.account !== session.account) {
      const error = "Taken by another account: sign in as them to sync";
      await settlePhoto(photo, {status: "needs-login", error, nextAttempt: 0});
      continue;
    }
    let outcome;
    [outcome, session] = await signedSend(sendPhoto, settlePhoto, photo, session, force);
    if (outcome === "stop") break;
    if (outcome === "sent") sent += 1;
    await notify({type: "outbox"});
    // A result recorded meanwhile goes first: the next pass sends it, then the other photos.
    if (again && (await resultQueue.entries()).some((entry) => SENDABLE.has(entry.status))) break;
  }
  return sent;
}

async function sendPhoto(photo, session, force) {
  try {
    return await photoAnswer(photo, session, force);
  } catch (error) {  // no connection, the timeout, a body cut off half-sent
    await backOffPhoto(photo, "No connection", force);
    return "stop";
  }
}

// The replay table of DESIGN §3, for a photo: "sent", null to go on with the next photo,
// "forbidden", or "stop".
async function photoAnswer(photo, session, force) {
  const body = new FormData();
  body.append("photos", photo.blob, photo.name || PHOTO_NAME);
  if (photo.caption) body.append("caption", photo.caption);
  if (photo.takenAt) body.append("taken_at", photo.takenAt);
  const response = await fetch(photo.url || PHOTO_POST.replace(ANY_ID, photo.inspection), {
    method: "POST", body, credentials: "same-origin", redirect: "manual",
    headers: {"Idempotency-Key": photo.key, "X-CSRF-Token": session.csrf, "HX-Request": "true",
      Accept: "text/html"},
    signal: AbortSignal.timeout(PHOTO_TIMEOUT_MS),
  });
  const status = response.status;
  if (status >= 200 && status < 300 && response.headers.get("Idempotency-Key") === photo.key) {
    const html = await response.text();
    await settlePhoto(photo, null);  // stored on the server: nothing sent is kept here
    await notify({type: "photo-stored", page: photo.page, inspection: photo.inspection, html});
    return "sent";
  }
  if (status === 401) {
    await settlePhoto(photo, {status: "needs-login", error: "Sign in to sync", nextAttempt: 0});
    return "stop";
  }
  if (status === 403) return "forbidden";
  if (status === 409) {
    await settlePhoto(photo, {nextAttempt: Date.now() + RETRY_SOON_MS, error: "Still being stored"});
    return null;
  }
  const missing = status === 404 && response.headers.get("Permitline-Missing") === "inspection";
  if (status === 400 || status === 413 || status === 422 || missing) {
    // Refused for good: kept with the reason and its thumbnail until the inspector removes it;
    // the photo itself is of no more use on the phone.
    const said = missing ? "This inspection is no longer on the city's records." : status === 413
      ? "It is too large to send." : textOf(await response.text());
    const error = said || "The city's server refused it.";
    await settlePhoto(photo, {status: "refused", error, blob: null, nextAttempt: 0});
    return null;
  }
  // 2xx without the echo, 3xx or an opaque redirect (a captive portal, a login page), 429, 5xx.
  await backOffPhoto(photo, status >= 500 ? "The city's server did not answer" : "Not accepted yet", force);
  return "stop";
}

// The words of the server's short answer (<p class="error-text">…</p>): shown as text.
function textOf(html) {
  const entities = {amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'"};
  return html.replace(/<[^>]*>/g, " ").replace(/&(amp|lt|gt|quot|#39|#x27);/g, (all, name) => entities[name])
    .replace(/\s+/g, " ").trim().slice(0, 300);
}

async function backOffPhoto(photo, error, force) {
  const attempts = (photo.attempts || 0) + 1;
  const delay = force ? RETRY_SOON_MS : Math.min(1000 * 2 ** attempts, BACKOFF_CAP_MS);
  await settlePhoto(photo, {attempts, error, nextAttempt: Date.now() + delay});
}

// Changes a photo only if nobody removed or replaced it meanwhile; null deletes it.
function settlePhoto(photo, changes) {
  return photoQueue.update(photo.key, photo.stamp, changes);
}
