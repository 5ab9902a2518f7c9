// The checklist's result on a stop's form (issue 17 §2), as the inspector marks the items: the
// result the marks give (the rule of domain.checklists.derived_result: a failed item gives
// Corrections required; every item passed or N/A, one at least passed, Approved) is chosen
// among the results and said in the override's hint — unless the inspector chose a result
// themselves, which stays. Without JavaScript the server derives it when none is chosen.
"use strict";
(function () {
  const PASSED = "passed";
  const FAILED = "failed";
  const CORRECTIONS = "Corrections required";
  const APPROVED = "Approved";
  const SAID = /^The checklist gives “[^”]*”\. /;

  function derived(form) {
    const states = [...form.querySelectorAll("fieldset.check-item")].map((item) => {
      const marked = item.querySelector('input[type="radio"]:checked');
      return marked ? marked.value : null;
    });
    if (states.includes(FAILED)) return CORRECTIONS;
    if (states.length && !states.includes(null) && states.includes(PASSED)) return APPROVED;
    return null;
  }

  function follow(form) {
    const result = derived(form);
    const hint = form.querySelector("#f-override_reason-hint");
    if (hint) {
      const rest = hint.textContent.replace(SAID, "");
      hint.textContent = (result ? `The checklist gives “${result}”. ` : "") + rest;
    }
    const radios = [...form.querySelectorAll('input[type="radio"][name="result"]')];
    const chosen = radios.find((radio) => radio.checked);
    // A result checked here before (not by the inspector) follows the marks; theirs stays.
    if (chosen && chosen.value !== form.dataset.followed) return;
    const wanted = radios.find((radio) => radio.value === result);
    if (wanted) {
      wanted.checked = true;
      form.dataset.followed = result;
    } else if (chosen) {
      chosen.checked = false;
      delete form.dataset.followed;
    }
  }

  // Delegated: the form comes back from the server after a refusal, or out of its template.
  document.addEventListener("change", (event) => {
    const input = event.target;
    const form = input.form;
    if (!form || !form.querySelector("#checklist") || input.type !== "radio") return;
    if (input.name === "result") delete form.dataset.followed;  // the inspector's own choice
    else if (input.closest("fieldset.check-item")) follow(form);
  });
})();
