// Small page helpers loaded on every page; no inline script (strict CSP).
"use strict";

// htmx snapshots innerHTML into its history cache, which keeps attribute values only. Copy the
// live values of form controls into their attributes first so back/forward restores what was
// typed along with the results it produced.
document.addEventListener("htmx:beforeHistorySave", function (event) {
  document.querySelectorAll("input, select").forEach(function (el) {
    if (el.tagName === "SELECT") {
      Array.prototype.forEach.call(el.options, function (o) {
        o.toggleAttribute("selected", o.selected);
      });
    } else if (el.type === "password" || el.type === "file") {
      // Never copy a password into the DOM: htmx keeps history snapshots in sessionStorage.
      return;
    } else if (el.type !== "checkbox" && el.type !== "radio") {
      el.setAttribute("value", el.value);
    } else {
      el.toggleAttribute("checked", el.checked);
    }
  });
  // A live search pushes one history entry per set of results, and htmx snapshots the page
  // when the NEXT results arrive, when the box already holds the newer text: Back would show
  // the earlier results under the later text (issue 14 §10). The path the snapshot is saved
  // under holds the query of the results on screen, so the search form's fields are written
  // from it. Not from the address bar: on Back and Forward htmx saves the page being left
  // after the address bar already names the one arriving (Forward then showed the older text).
  var path = (event.detail && event.detail.path) || window.location.pathname + window.location.search;
  var shown = new URLSearchParams(path.indexOf("?") === -1 ? "" : path.slice(path.indexOf("?") + 1));
  var live = [];
  document.querySelectorAll('form[method="get"][hx-push-url="true"]').forEach(function (form) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.type === "password" || el.type === "file") return;
      var value = shown.has(el.name) ? shown.get(el.name) : (el.dataset.default || "");
      if (el.tagName === "SELECT") {
        live.push([el, "value", el.value]);
        Array.prototype.forEach.call(el.options, function (o) {
          o.toggleAttribute("selected", o.value === value);
        });
      } else if (el.type === "checkbox" || el.type === "radio") {
        live.push([el, "checked", el.checked]);
        el.toggleAttribute("checked", shown.getAll(el.name).indexOf(el.value) !== -1);
      } else if (el.tagName === "INPUT") {
        live.push([el, "value", el.value]);
        el.setAttribute("value", value);
      }
    });
  });
  // An option or checkbox nobody touched follows its attribute, so writing the snapshot's
  // state can change what the page shows now: put it back once htmx has taken the snapshot
  // (synchronously, right after this event).
  queueMicrotask(function () {
    live.forEach(function (field) { field[0][field[1]] = field[2]; });
  });
});

// Search forms send every field; drop the empty ones so pushed, shareable URLs stay short
// (/permits?q=8500+sunset). The server treats a missing field exactly like an empty one.
document.addEventListener("htmx:configRequest", function (event) {
  if (event.detail.verb !== "get") return;
  var params = event.detail.parameters;
  var form = event.detail.elt.closest("form");
  Array.from(params.keys()).forEach(function (name) {
    var field = form && form.elements.namedItem(name);
    var unchanged = field && field.tagName === "SELECT" && field.dataset.default === params.get(name);
    if (params.get(name) === "" || unchanged) params.delete(name);
  });
});

// Inspector mode saves the route's pages on the phone for offline use (static/js/inspector.js);
// they hold access codes and notes for the city only. A page served to nobody signed in (after
// signing out, or a session that ended) drops them; the offline page, served from the phone,
// does not. Results waiting to sync are kept (IndexedDB, not this cache).
if (!document.body.hasAttribute("data-signed-in") && !document.getElementById("device") && window.caches) {
  window.caches.delete("inspector-pages").catch(function () {});
}

// The message after an action (data-notice) must be seen on a phone and heard with a screen
// reader: a status present when the page loads is not announced, and on a small screen it can
// sit below the fold. Focusing it (tabindex="-1") does both, after a full page load and after
// htmx puts one in (a section answered in place). Without JavaScript the redirect's #fragment
// scrolls to it instead.
function showNotice() {
  var notice = document.querySelector("[data-notice]:not([data-noticed])");
  if (!notice) return;
  notice.setAttribute("data-noticed", "");
  requestAnimationFrame(function () {
    notice.focus({ preventScroll: true });
    notice.scrollIntoView({ block: "nearest" });
  });
}
document.addEventListener("DOMContentLoaded", showNotice);
document.addEventListener("htmx:afterSettle", showNotice);

// A Print button works only with scripts, so it is sent hidden and shown here; without them the
// browser's own Print prints the same page (issue 16 §4: a Print button on the permit card).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
