// The result queue (DESIGN §3's "outbox"; the e-mail outbox is db/mail/outbox.py): results
// entered on the device, kept in IndexedDB until the server echoes their Idempotency-Key. One
// module for the inspector's pages and the service worker, which loads it with importScripts.
// Names kept from when it was called the outbox, because devices hold them or an older page or
// worker sends them during an update: the IndexedDB database "permitline-outbox", the
// Background Sync tag "outbox", the worker's message {type: "outbox"}, the headers
// Outbox-Label, Outbox-Account, Outbox-Replaces and Outbox-Deferred, and the saved pages'
// hooks form[data-outbox], #device-outbox and .outbox.
// An entry: key, url, page, fields (name/value pairs, never Blobs), label, account, status
// (queued, needs-login, rejected, failed, stale), attempts, nextAttempt, error, fragment (the
// server's answer to correct), created, stamp.
"use strict";
(function (scope) {
  const NAME = "permitline-outbox";  // on inspectors' devices: see above
  // Raise only with an upgrade that keeps every stored entry: nothing queued is ever dropped.
  const VERSION = 1;
  let opening = null;

  function open() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const request = indexedDB.open(NAME, VERSION);
        request.onupgradeneeded = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains("entries")) db.createObjectStore("entries", {keyPath: "key"});
          if (!db.objectStoreNames.contains("meta")) db.createObjectStore("meta", {keyPath: "name"});
        };
        request.onsuccess = () => {
          const db = request.result;
          db.onversionchange = () => {
            db.close();
            opening = null;
          };
          resolve(db);
        };
        request.onerror = () => {
          opening = null;
          reject(request.error);
        };
      });
    }
    return opening;
  }

  // One transaction; resolves with the value `work` returns (an IDBRequest's result once the
  // transaction has committed).
  async function run(store, mode, work) {
    const db = await open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const outcome = work(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(outcome instanceof IDBRequest ? outcome.result : outcome);
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  }

  scope.PermitlineResultQueue = {
    entries() {
      return run("entries", "readonly", (store) => store.getAll())
        .then((list) => list.sort((a, b) => a.created - b.created));
    },
    get(key) {
      return run("entries", "readonly", (store) => store.get(key));
    },
    put(entry) {
      return run("entries", "readwrite", (store) => store.put(entry));
    },
    remove(key) {
      return run("entries", "readwrite", (store) => store.delete(key));
    },
    // Applies `changes` (null deletes) only if the entry still has `stamp`: a correction saved
    // under the same key meanwhile is kept, to be sent by the next pass.
    update(key, stamp, changes) {
      return run("entries", "readwrite", (store) => {
        const read = store.get(key);
        read.onsuccess = () => {
          const entry = read.result;
          if (!entry || entry.stamp !== stamp) return;
          if (changes === null) store.delete(key);
          else store.put(Object.assign(entry, changes));
        };
      });
    },
    meta() {
      return run("meta", "readonly", (store) => store.getAll())
        .then((rows) => Object.fromEntries(rows.map((row) => [row.name, row.value])));
    },
    setMeta(name, value) {
      return run("meta", "readwrite", (store) => store.put({name, value}));
    },
  };
})(self);
