// The photo field of a stop's page (issue 17 §1; web/templates/inspector/_photo_field.html), on a
// device that can keep photos: each photo chosen is resized here (static/js/photo_resize.js),
// kept in the photo queue (static/js/photo_queue.js) and listed under the field until the
// service worker has sent it. Taken in the result form, the photos wait for the result: the
// form itself then posts without them (urlencoded, as the result queue keeps it). Taken in
// "Add photos", they are sent on their own once the form's button is pressed. A device that
// cannot keep them posts the form as it is, photos and all (as without JavaScript).
"use strict";
(function () {
  const photoQueue = window.PermitlinePhotoQueue;
  const resize = window.PermitlinePhotoResize;
  const MOST_AS_SENT = 15 * 1024 * 1024;  // what the server takes of a photo sent as it is
  let enhanced = false;
  const preparing = new Map();  // form → the photos chosen in it being resized and kept
  const held = new WeakSet();  // result forms whose submission waits for them

  function fields() {
    return [...document.querySelectorAll("form [data-photos]")];
  }

  // The inspection's id: the number in the form's action (…/inspections/{id}/result or /photos).
  function inspectionOf(form) {
    const found = new URL(form.action, location.href).pathname.match(/(\d+)\/[^/]*$/);
    return found ? Number(found[1]) : null;
  }

  function kindOf(form) {
    return form.matches("[data-outbox]") ? "result" : "photos";
  }

  function buttonOf(form) {
    const button = form.querySelector("button[type=submit], button:not([type])");
    return button ? button.textContent.trim() : "";
  }

  function captionOf(form) {
    const caption = form.querySelector("[data-photos] input[name=caption]");
    return caption ? caption.value.trim() : "";
  }

  // The result form's Idempotency-Key, given once (as static/js/result_form.js would on submit):
  // the photos taken in the form are sent after the result sent under it.
  function resultKeyOf(form) {
    const field = form.elements.namedItem("idempotency_key");
    if (!field) return null;
    if (form.dataset.keyed !== "yes") {
      field.value = crypto.randomUUID();
      form.dataset.keyed = "yes";
    }
    return field.value;
  }

  function say(field, text) {
    let box = field.querySelector(".photo-news");
    if (!box) {
      box = document.createElement("p");
      box.className = "photo-news";
      box.setAttribute("role", "status");
      field.querySelector("ul").before(box);
    }
    box.textContent = text;
  }

  // The device panel (static/js/inspector.js) and the storage watch (static/js/storage_watch.js).
  function device() {
    return window.PermitlineDevice || {render() {}, toWorker() {}};
  }

  function checkStorage() {
    if (window.PermitlineStorage) window.PermitlineStorage.check();
  }

  async function take(field, files) {
    const form = field.closest("form");
    const kind = kindOf(form);
    const panel = document.getElementById("device");
    const labelled = document.querySelector("form[data-label]");  // the result form names the stop
    const common = {
      inspection: inspectionOf(form), page: location.pathname, form: kind,
      url: kind === "photos" ? new URL(form.action, location.href).pathname : null,
      label: labelled ? labelled.dataset.label : document.title.replace(/ · [^·]*$/, ""),
      resultKey: kind === "result" ? resultKeyOf(form) : null, caption: captionOf(form),
      account: panel && panel.dataset.account ? Number(panel.dataset.account) : null,
    };
    const problems = [];
    for (const [n, file] of files.entries()) {
      say(field, `Preparing photo ${n + 1} of ${files.length}…`);
      const now = Date.now();
      const photo = {
        ...common, key: crypto.randomUUID(), status: "draft", error: "", attempts: 0, nextAttempt: 0,
        created: now, stamp: `${now}-${Math.random()}`, takenAt: await window.PermitlinePhotoTime.takenAt(file),
      };
      try {
        Object.assign(photo, await resize.resized(file));
      } catch (error) {
        // Not an image this phone can read: sent as it is for the server to judge (it reads
        // the content, never the name), unless it is larger than the server takes.
        Object.assign(photo, {blob: file, name: file.name, thumb: null, width: null, height: null});
        if (file.size > MOST_AS_SENT) {
          Object.assign(photo, {status: "refused", blob: null, error: "This phone could not read this "
            + "file, and it is larger than 15 MB: take or choose the photo again"});
        }
      }
      try {
        await photoQueue.put(photo);
      } catch (error) {
        const full = error && error.name === "QuotaExceededError" ? ": its storage is full" : "";
        problems.push(`Photo ${n + 1} could not be kept on this phone${full}. Take it again once there is room.`);
      }
    }
    // The result recorded while they were being prepared: they follow it as the others do.
    if (kind === "result" && !form.isConnected) {
      await photoQueue.release(common.inspection, "result", common.resultKey, undefined);
      device().toWorker({type: "flush"});
    }
    say(field, problems.join(" "));
    render();
    device().render();
    checkStorage();
  }

  // The photos of this stop, in each photo field's list.
  async function render() {
    if (!enhanced) return;
    const [photos, results] = await Promise.all([photoQueue.entries(), window.PermitlineResultQueue.entries()]);
    const queued = new Set(results.map((entry) => entry.key));
    for (const field of fields()) {
      const form = field.closest("form");
      const list = field.querySelector("ul");
      const mine = photos.filter((photo) => photo.inspection === inspectionOf(form));
      list.replaceChildren(...mine.map((photo) => window.PermitlinePhotoList.item(photo, {
        queued, sendWith: photo.form === kindOf(form) ? buttonOf(form) : ""})));
    }
  }

  // Drafts left in a result form that is no longer on the page (its result was recorded by then):
  // sent on their own. A result form still to come (a later day's, in a template) keeps them.
  async function orphans() {
    const form = document.querySelector("form[data-outbox], template#result-form-later");
    const field = document.querySelector("form [data-photos]");
    if (form || !field) return;
    await photoQueue.release(inspectionOf(field.closest("form")), "result", null, undefined);
  }

  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!enhanced || !input.matches || !input.matches("form [data-photos] input[type=file]")) return;
    const files = [...input.files];
    if (!files.length) return;
    input.value = "";  // they wait on the device: the form is sent without them
    const form = input.closest("form");
    const work = Promise.all([preparing.get(form), take(input.closest("[data-photos]"), files)])
      .catch(() => {});  // what could not be kept is said in the field
    preparing.set(form, work);
    work.finally(() => {
      if (preparing.get(form) === work) preparing.delete(form);
    });
  });

  // "Record the result" tapped while its photos are still being prepared: sent once they are
  // kept, so that the worker holds them behind the result (once, however often it is tapped).
  document.addEventListener("htmx:confirm", (event) => {
    const form = event.detail.elt.closest ? event.detail.elt.closest("form[data-outbox]") : null;
    const busy = form && preparing.get(form);
    if (!busy) return;
    event.preventDefault();
    if (held.has(form)) return;
    held.add(form);
    busy.finally(() => {
      held.delete(form);
      event.detail.issueRequest(true);
    });
  });

  // The result form, by htmx: without its photos, which wait on the device for the result
  // (the worker releases them with the caption given here), or, on a device that cannot keep
  // them, as a plain form with them.
  document.addEventListener("htmx:configRequest", (event) => {
    const form = event.detail.elt.closest ? event.detail.elt.closest("form[data-outbox]") : null;
    const field = form && form.querySelector("[data-photos]");
    if (!field) return;
    const input = field.querySelector("input[type=file]");
    if (!enhanced && input && input.files.length) {
      event.preventDefault();
      HTMLFormElement.prototype.submit.call(form);
      return;
    }
    form.removeAttribute("enctype");
    event.detail.headers["Content-Type"] = "application/x-www-form-urlencoded";
    event.detail.headers["Photo-Caption"] = encodeURIComponent(captionOf(form));
    event.detail.parameters.delete("photos");
    event.detail.parameters.delete("caption");
  });

  // Recorded (or saved on the device) with no worker in between (its first visit): the page
  // releases the photos itself. Refused to be corrected, they stay in the form.
  // (Fired again on a parent when the answer replaced the form: the form is the request's.)
  document.addEventListener("htmx:afterRequest", (event) => {
    const config = event.detail.requestConfig;
    const form = config && config.elt && config.elt.closest ? config.elt.closest("form[data-outbox]") : null;
    if (!enhanced || !form || !event.detail.successful) return;
    const key = config.headers["Idempotency-Key"];
    photoQueue.release(inspectionOf(form), "result", key, decodeURIComponent(config.headers["Photo-Caption"] || ""))
      .then((released) => {
        if (released) device().toWorker({type: "flush", force: true});
        device().render();
      });
  });

  // "Add photos": the photos chosen are sent on their own, by the worker.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!enhanced || form.matches("[data-outbox]") || !form.querySelector("[data-photos]")) return;
    event.preventDefault();
    const field = form.querySelector("[data-photos]");
    photoQueue.release(inspectionOf(form), "photos", null, captionOf(form)).then((released) => {
      if (!released) {
        say(field, "Choose one or more photos to add.");
        return;
      }
      say(field, `${released === 1 ? "The photo is" : `The ${released} photos are`} sent when there is a connection.`);
      form.querySelector("input[name=caption]").value = "";
      device().toWorker({type: "flush", force: true});
      render();
      device().render();
    });
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest ? event.target.closest("button[data-remove-photo]") : null;
    if (!button) return;
    photoQueue.remove(button.dataset.removePhoto).then(() => {
      render();
      device().render();
    });
  });

  // A photo of this stop the server stored (its answer: the photo's item, as the page lists
  // them): shown among the stop's photos, as the page shows it from now on.
  function stored(message) {
    const section = document.getElementById("photos");
    if (!section || message.page !== location.pathname) return;
    let grid = section.querySelector(".photo-grid");
    if (!grid) {
      grid = document.createElement("ul");
      grid.className = "photo-grid";
      for (const none of section.querySelectorAll(":scope > p:not([class])")) none.remove();  // "No photos yet."
      section.querySelector("h2").after(grid);
    }
    const answer = new DOMParser().parseFromString(`<ul>${message.html}</ul>`, "text/html");
    for (const item of answer.querySelectorAll("ul > li[id]")) {
      if (!document.getElementById(item.id)) grid.append(document.adoptNode(item));
    }
    section.querySelector("h2").textContent = `Photos (${grid.children.length})`;
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", (event) => {
      const data = event.data || {};
      if (data.type === "photo-stored") stored(data);
      if (data.type === "outbox") render();
    });
  }

  async function start() {
    if (!photoQueue || !resize.supported || !("serviceWorker" in navigator) || !window.crypto.randomUUID) return;
    // A database not yet upgraded by the worker (an older one controls this page): as without
    // JavaScript until it is.
    enhanced = await photoQueue.available().catch(() => false);
    if (!enhanced) return;
    await orphans();
    render();
  }

  window.PermitlinePhotoField = {render};
  start();
})();
