// A glossary definition shows on hover and focus (CSS); Escape hides it again (WCAG 1.4.13).
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".glossary-term").forEach(function (term) {
      term.classList.add("definition-dismissed");
    });
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("glossary-term")) {
      event.target.classList.remove("definition-dismissed");
    }
  });
})();
