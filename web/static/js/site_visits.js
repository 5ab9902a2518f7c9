// A stop's Arrived and Left buttons (issue 17 §3). Online, the tap is posted as the form would be
// and the stop's times are redrawn from the answer; with no connection (or none within a few
// seconds), the tap's time is kept on the device with the route's order and sent with it
// (static/js/route_order.js). Without JavaScript the form posts normally.
"use strict";
(function () {
  const ANSWER_WITHIN_MS = 5000;

  // The city's date on this phone's clock, "2026-12-07" ("" when the zone is unknown).
  function cityDay(zone) {
    try {
      const parts = {timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"};
      return new Intl.DateTimeFormat("en-CA", parts).format(new Date());
    } catch (error) {
      return "";
    }
  }

  // A saved stop of a day still to come shows no buttons until the day comes (the server
  // checks the day again).
  function reveal() {
    const section = document.getElementById("f-visit");
    if (!section || !section.hidden) return;
    const today = cityDay(section.dataset.zone);
    if (today && section.dataset.day && today >= section.dataset.day) section.hidden = false;
  }

  function say(text) {
    const box = document.querySelector("#f-visit .visit-state");
    if (box) box.textContent = text;
  }

  function keep(section, inspection, event) {
    const device = window.PermitlineRouteDevice;
    const tap = {inspection, event, at: new Date().toISOString()};
    if (device && device.keepTap(section.dataset.day, tap)) {
      say("Saved on this device: it is sent when the connection is back.");
    } else {
      say("Not recorded: there is no connection. Press it again when you are online.");
    }
  }

  // The part of the server's answer that replaces this page's: the stop's times, or why the tap
  // was refused (beside the buttons, focused; a result being typed in the form below stays), or
  // the whole page's content when it is another page (refused outright, gone).
  function adopt(html, pressed) {
    const answer = new DOMParser().parseFromString(html, "text/html");
    const fresh = answer.getElementById("f-visit");
    const current = document.getElementById("f-visit");
    if (fresh && current) {
      current.replaceWith(document.adoptNode(fresh));
      const refused = fresh.querySelector(".field-error");
      const again = fresh.querySelector(`button[value=${pressed}]`);
      if (refused) refused.tabIndex = -1;
      if (refused || again) (refused || again).focus();
      if (window.PermitlineRouteDevice) window.PermitlineRouteDevice.showTaps();
      return;
    }
    const main = answer.getElementById("main");
    if (main) {
      const adopted = document.adoptNode(main);
      document.getElementById("main").replaceWith(adopted);
      const summary = adopted.querySelector(".error-summary");
      if (summary) summary.focus();
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest ? event.target.closest("form[data-visit]") : null;
    if (!form || !event.submitter) return;
    event.preventDefault();
    const section = form.closest("#f-visit");
    const pressed = event.submitter.value;
    const inspection = Number(form.dataset.visit);
    const body = new URLSearchParams(new FormData(form));
    body.set("event", pressed);
    if (!navigator.onLine) {
      keep(section, inspection, pressed);
      return;
    }
    const stop = new AbortController();
    const late = setTimeout(() => stop.abort(), ANSWER_WITHIN_MS);
    let response;
    try {
      response = await fetch(form.action, {method: "POST", body, credentials: "same-origin", signal: stop.signal,
        headers: {Accept: "application/json"}});
    } catch (error) {
      keep(section, inspection, pressed);
      return;
    } finally {
      clearTimeout(late);
    }
    if (response.status === 401 || response.status === 409 || response.status >= 500) {
      keep(section, inspection, pressed);
      return;
    }
    adopt(await response.text(), pressed);
  });

  reveal();
})();
