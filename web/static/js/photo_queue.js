// The photo queue (issue 17 §1): photos taken on a stop, resized on the device and kept in the
// result queue's IndexedDB database (store "photos", static/js/result_queue.js) until the server
// echoes their Idempotency-Key. One module for the inspector's pages and the service worker,
// which loads it with importScripts and sends them (static/js/photo_sync.js).
// A photo: key (its own Idempotency-Key), inspection (id), url (the add_photos path, filled in
// by the worker), page (the stop's page), label, form ("result": taken in the result form, sent
// after that result; "photos": the "Add photos" form), resultKey (the key of the result it was
// taken with, or null), caption, takenAt, blob (the resized JPEG; dropped once refused), thumb
// (a small data: URL), width, height, status, error, attempts, nextAttempt, created, account,
// stamp. Status: draft (in a form not sent yet), queued, needs-login, refused (with the
// server's reason); a photo the server stored is deleted from the device at once.
"use strict";
(function (scope) {
  const STORE = "photos";
  const resultQueue = scope.PermitlineResultQueue;
  const run = (mode, work) => resultQueue.transact(STORE, mode, work);

  // Changes every photo `chosen` picks, in one transaction; resolves with how many.
  function each(chosen, change) {
    let changed = 0;
    return run("readwrite", (store) => {
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        if (chosen(at.value)) {
          at.update(Object.assign(at.value, change(at.value)));
          changed += 1;
        }
        at.continue();
      };
    }).then(() => changed);
  }

  scope.PermitlinePhotoQueue = {
    available() {
      return resultQueue.has(STORE);
    },
    entries() {
      return run("readonly", (store) => store.getAll())
        .then((list) => list.sort((a, b) => a.created - b.created));
    },
    get(key) {
      return run("readonly", (store) => store.get(key));
    },
    put(photo) {
      return run("readwrite", (store) => store.put(photo));
    },
    remove(key) {
      return run("readwrite", (store) => store.delete(key));
    },
    // Applies `changes` (null deletes) only if the photo still has `stamp`: one removed or
    // taken again meanwhile is left as it is.
    update(key, stamp, changes) {
      return resultQueue.stamped(STORE, key, stamp, changes);
    },
    // The drafts of a form of a stop are sent: after the result `resultKey` when they were
    // taken in the result form, on their own otherwise. `caption`: the form's, as sent
    // (undefined keeps each photo's own).
    release(inspection, form, resultKey, caption) {
      return each((photo) => photo.status === "draft" && photo.inspection === inspection && photo.form === form,
        () => ({status: "queued", resultKey, ...(caption === undefined ? {} : {caption}), nextAttempt: 0}));
    },
    // Photos waiting behind the result `from`, recorded again under the key `to`.
    relink(from, to) {
      return each((photo) => photo.resultKey === from, () => ({resultKey: to}));
    },
  };
})(self);
