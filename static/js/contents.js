// "On this page" is a closed list on a phone, so the text starts on the first screen; on a
// wide screen, where it sits beside the text, it is open. Without JavaScript it stays closed
// and opens with a tap.
(function () {
  var wide = window.matchMedia("(min-width: 62rem)");
  function fit() {
    document.querySelectorAll("details.contents").forEach(function (contents) {
      contents.open = wide.matches;
    });
  }
  fit();
  wide.addEventListener("change", fit);
})();
