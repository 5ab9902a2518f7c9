// The phone's storage, watched for inspector mode (issue 17 §1): measured with
// navigator.storage.estimate() when a page opens and after each photo; when less than a fifth of
// the quota or 50 MB is left, the inspector is told (#device-storage, _device.html) and the
// service worker drops saved pages of other days to make room (static/js/saved_route.js,
// makeRoom). Results and photos waiting to sync are never dropped. Tests replace
// navigator.storage.estimate before the page loads to play a phone that is nearly full.
"use strict";
(function () {
  const LOW_SHARE = 0.2;
  const LOW_BYTES = 50 * 1024 * 1024;
  const MB = 1024 * 1024;

  function megabytes(bytes) {
    return bytes < 10 * MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.round(bytes / MB)} MB`;
  }

  async function check() {
    const box = document.getElementById("device-storage");
    if (!box || !navigator.storage || !navigator.storage.estimate) return;
    let estimate;
    try {
      estimate = await navigator.storage.estimate();
    } catch (error) {
      return;  // not measurable here: nothing to say
    }
    const quota = estimate.quota || 0;
    if (!quota) return;
    const left = Math.max(0, quota - (estimate.usage || 0));
    const enough = Math.max(LOW_SHARE * quota, LOW_BYTES);
    const low = left < enough;
    const warning = document.createElement("p");
    warning.className = "notice";
    warning.textContent = `This phone is running out of space for inspections: ${megabytes(left)} left. `
      + "Saved pages of other days are removed first; results and photos waiting to sync are kept "
      + "until they are sent. Sync as soon as you can, and free some space on the phone.";
    // Changed only when it says something new: a status is read out again on each change.
    if (low && box.textContent !== warning.textContent) box.replaceChildren(warning);
    else if (!low && box.textContent) box.replaceChildren();
    const room = (await window.PermitlineResultQueue.meta().catch(() => ({}))).roomNeeded || 0;
    if ((low || room > 0) && window.PermitlineDevice) {
      window.PermitlineDevice.toWorker({type: "make-room", need: low ? Math.ceil(enough - left) : 0});
    }
  }

  window.PermitlineStorage = {check};
})();
