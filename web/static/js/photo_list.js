// How a photo waiting on this device is shown (issue 17 §1): under its stop's photo field
// (static/js/photo_field.js) and in the device panel (static/js/inspector.js, whose words for
// times and counts it uses), with its thumbnail, its state in words and a button to remove it;
// never once the server has it.
"use strict";
(function () {
  const words = () => window.PermitlineDevice.words;
  const SHOWN_SIDE = 96;  // the thumbnail's long side on screen, in CSS pixels
  const WAITING = new Set(["queued", "needs-login"]);

  function nameOf(photo) {
    return `Photo taken ${words().clock(photo.takenAt || photo.created)}`;
  }

  // The state in words. `queued`: the keys of the results still in the result queue;
  // `sendWith`: the words of the button that sends the form's drafts, on its stop's page.
  function stateOf(photo, queued, sendWith) {
    const {clock, plural, sentence} = words();
    if (photo.status === "draft") {
      if (photo.form === "result") return "Sent after the result, once you record it.";
      return sendWith ? `Not sent yet: choose “${sendWith}” to send it.`
        : "Not sent yet: open its stop to send it.";
    }
    if (photo.status === "refused") {
      return `Not accepted: ${sentence(photo.error || "the city's server refused it")}`;
    }
    if (photo.status === "needs-login") {
      const why = photo.error && photo.error !== "Sign in to sync" ? `: ${sentence(photo.error)}` : ".";
      return `Waiting for you to sign in${why}`;
    }
    if (photo.resultKey && queued.has(photo.resultKey)) return "Waiting to sync after its result.";
    if (!photo.attempts) return "Waiting to sync.";
    const tried = plural(photo.attempts, "time", "times");
    return `Waiting to sync · tried ${tried} (${photo.error}), next try ${clock(photo.nextAttempt)}.`;
  }

  function thumbnail(photo) {
    if (!photo.thumb) {
      const none = document.createElement("p");
      none.className = "muted";
      none.textContent = `${nameOf(photo)} (no preview)`;
      return none;
    }
    const img = document.createElement("img");
    img.src = photo.thumb;  // a data: URL (the pages' CSP allows data: images, not blob:)
    img.alt = nameOf(photo);
    if (photo.width && photo.height) {
      const scale = SHOWN_SIDE / Math.max(photo.width, photo.height);
      img.width = Math.round(photo.width * scale);
      img.height = Math.round(photo.height * scale);
    } else {
      img.width = SHOWN_SIDE;
    }
    return img;
  }

  // One photo's list item; `device`: in the device panel, which names its stop and links there.
  function item(photo, {queued = new Set(), sendWith = "", device = false} = {}) {
    const {visuallyHidden} = words();
    const li = document.createElement("li");
    li.className = "photo";
    li.dataset.photo = photo.key;
    li.append(thumbnail(photo));
    if (device) {
      const title = document.createElement("p");
      const name = document.createElement("strong");
      name.textContent = photo.label || photo.page;
      title.append(name);
      li.append(title);
    }
    if (photo.caption && photo.status !== "draft") {
      const caption = document.createElement("p");
      caption.textContent = photo.caption;
      li.append(caption);
    }
    const state = document.createElement("p");
    state.className = "photo-state";
    state.textContent = stateOf(photo, queued, sendWith);
    li.append(state);
    const actions = document.createElement("p");
    actions.className = "actions";
    if (device && photo.page) {
      const open = document.createElement("a");
      open.href = photo.page;
      open.textContent = "Open its stop";
      open.append(visuallyHidden(` (${photo.label || nameOf(photo)})`));
      actions.append(open, " ");
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "secondary";
    remove.dataset.removePhoto = photo.key;
    remove.textContent = "Remove";
    const where = device && photo.label ? `, ${photo.label}` : "";
    remove.append(visuallyHidden(` ${nameOf(photo).toLowerCase()}${where}`));
    actions.append(remove);
    li.append(actions);
    return li;
  }

  // How many wait to sync, need attention (refused), or are still in a form.
  function counts(photos) {
    return {
      waiting: photos.filter((photo) => WAITING.has(photo.status)).length,
      attention: photos.filter((photo) => photo.status === "refused").length,
      drafts: photos.filter((photo) => photo.status === "draft").length,
    };
  }

  // The device panel's list (_device.html).
  function renderDevice(photos, queued) {
    const list = document.getElementById("device-photos");
    if (!list) return;
    document.getElementById("device-photo-details").hidden = photos.length === 0;
    list.replaceChildren(...photos.map((photo) => item(photo, {queued, device: true})));
  }

  window.PermitlinePhotoList = {item, counts, renderDevice};
})();
