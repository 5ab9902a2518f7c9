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
// server's answer to correct), created, stamp. The same database holds the photos waiting to
// be sent (store "photos": static/js/photo_queue.js) and the device's notes (store "meta").
"use strict";
(function (scope) {
  const NAME = "permitline-outbox";  // on inspectors' devices: see above
  // Raise only with an upgrade that keeps every stored entry: nothing queued is ever dropped.
  // 2: the store "photos" (issue 17), beside the entries, which stay as they are.
  const VERSION = 2;
  // Only the service worker upgrades the database, when it activates: a page opens it as it
  // is. A page newer than the worker that controls it (the first page after a deploy, loaded
  // from the network through the old worker) would otherwise take the database to a version
  // the old worker cannot open, and results could not be saved until it was replaced. A page
  // that finds no database creates it with every store.
  const UPGRADES = typeof WorkerGlobalScope !== "undefined";
  let opening = null;

  function open() {
    if (!opening) {
      opening = opened(UPGRADES).catch((error) => {
        // Upgraded meanwhile by a newer worker (this one is about to be replaced): as it is.
        if (error && error.name === "VersionError") return opened(false);
        throw error;
      }).catch((error) => {
        opening = null;
        throw error;
      });
    }
    return opening;
  }

  function opened(upgrade) {
    return new Promise((resolve, reject) => {
      const request = upgrade ? indexedDB.open(NAME, VERSION) : indexedDB.open(NAME);
      request.onupgradeneeded = () => {
        const db = request.result;
        for (const [store, keyPath] of [["entries", "key"], ["meta", "name"], ["photos", "key"]]) {
          if (!db.objectStoreNames.contains(store)) db.createObjectStore(store, {keyPath});
        }
      };
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error);
    });
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

  // Changes a row of `store` (null deletes it) only if it still has `stamp`.
  function stamped(store, key, stamp, changes) {
    return run(store, "readwrite", (rows) => {
      const read = rows.get(key);
      read.onsuccess = () => {
        const row = read.result;
        if (!row || row.stamp !== stamp) return;
        if (changes === null) rows.delete(key);
        else rows.put(Object.assign(row, changes));
      };
    });
  }

  scope.PermitlineResultQueue = {
    // Whether the database has the store (a page opened it before the worker upgraded it).
    async has(store) {
      return (await open()).objectStoreNames.contains(store);
    },
    transact: run,  // for the photo queue (static/js/photo_queue.js), in the same database
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
      return stamped("entries", key, stamp, changes);
    },
    stamped,  // the same for the photo queue's store
    meta() {
      return run("meta", "readonly", (store) => store.getAll())
        .then((rows) => Object.fromEntries(rows.map((row) => [row.name, row.value])));
    },
    setMeta(name, value) {
      return run("meta", "readwrite", (store) => store.put({name, value}));
    },
  };
})(self);
