// The corrections library on a stop's result form (issue 17 §2): a search box that filters the
// comments already in the page (so it works offline in the saved page), and an "Add" button on
// each comment that appends its code section and text to the field the inspector was last in,
// a failed item's words or the notes for the contractor. Without JavaScript the library is a
// list to copy from. Listeners are on the document: the form may arrive later (htmx, or a
// day's form put in place by result_form.js).
"use strict";
(function () {
  const NOTES = "f-public_notes";
  const NOTES_NAME = "the notes for the contractor";
  let target = null; // the field the inspector was last in, among those that take a comment

  // The same match as domain/checklists.py search(): every word, in the code or the text.
  function matches(entry, words) {
    const haystack = `${entry.dataset.code} ${entry.dataset.text}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  }

  function say(library, text) {
    const status = library.querySelector("[data-library-status]");
    if (status) status.textContent = text;
  }

  function targetName(field) {
    return field.id === NOTES ? NOTES_NAME : field.dataset.correctionTarget;
  }

  function chosen(library) {
    const form = library.closest("form");
    if (target && target.isConnected && form && form.contains(target)) return target;
    return document.getElementById(NOTES);
  }

  function enhance(library) {
    if (library.dataset.enhanced === "yes") return;
    library.dataset.enhanced = "yes";
    for (const part of library.querySelectorAll("[data-library-js]")) part.hidden = false;
    for (const part of library.querySelectorAll("[data-library-nojs]")) part.hidden = true;
    for (const entry of library.querySelectorAll("[data-library-entry]")) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary library-add";
      button.dataset.libraryAdd = "";
      button.textContent = "Add";
      const what = document.createElement("span");
      what.className = "visually-hidden";
      what.textContent = ` ${entry.dataset.code}`;
      button.append(what);
      entry.append(" ", button);
    }
    const field = chosen(library);
    if (field) say(library, `Add puts a comment in ${targetName(field)}.`);
  }

  function filter(library, query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const book of library.querySelectorAll("[data-library-book]")) {
      let inBook = 0;
      for (const entry of book.querySelectorAll("[data-library-entry]")) {
        entry.hidden = !matches(entry, words);
        if (!entry.hidden) inBook += 1;
      }
      book.hidden = inBook === 0;
      shown += inBook;
    }
    say(library, words.length === 0 ? "" :
      shown === 0 ? "No comment matches: try fewer words." :
      `${shown} ${shown === 1 ? "comment matches" : "comments match"}.`);
  }

  function append(library, entry) {
    const field = chosen(library);
    if (!field) return;
    const comment = `${entry.dataset.code}: ${entry.dataset.text}`;
    const before = field.value.replace(/\s+$/, "");
    const joined = before ? `${before}${field.tagName === "TEXTAREA" ? "\n" : " "}${comment}` : comment;
    const most = Number(field.getAttribute("maxlength")) || Infinity;
    if (joined.length > most) {
      say(library, `Not added: ${targetName(field)} would be over ${most} characters.`);
      return;
    }
    field.value = joined;
    field.dispatchEvent(new Event("input", {bubbles: true}));
    say(library, `Added ${entry.dataset.code} to ${targetName(field)}.`);
  }

  // `toggle` does not bubble: heard on the way down.
  document.addEventListener("toggle", (event) => {
    const library = event.target;
    if (library.matches && library.matches("details[data-library]") && library.open) enhance(library);
  }, true);

  document.addEventListener("focusin", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLElement)) return;
    if (field.id !== NOTES && !field.matches("[data-correction-target]")) return;
    target = field;
    const library = field.form && field.form.querySelector("details[data-library][data-enhanced]");
    if (library) say(library, `Add puts a comment in ${targetName(field)}.`);
  });

  document.addEventListener("input", (event) => {
    if (!(event.target instanceof HTMLElement) || !event.target.matches("[data-library-find]")) return;
    const library = event.target.closest("details[data-library]");
    if (library) filter(library, event.target.value);
  });

  // Enter in the search box filters; it must not send the result form.
  document.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target instanceof HTMLElement &&
        event.target.matches("[data-library-find]")) event.preventDefault();
  });

  document.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-library-add]") : null;
    if (!button) return;
    const library = button.closest("details[data-library]");
    const entry = button.closest("[data-library-entry]");
    if (library && entry) append(library, entry);
  });

  for (const library of document.querySelectorAll("details[data-library][open]")) enhance(library);
})();
