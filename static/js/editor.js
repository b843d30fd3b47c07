// Live preview for the topic editor: re-render both audiences shortly after typing stops.
// Without JavaScript the "Preview" button does the same through the server.
(function () {
  "use strict";
  var form = document.getElementById("editor-form");
  if (!form) return;
  var timer = null;

  function showPanes(data) {
    var errors = document.querySelector(".preview-errors");
    var messages = [];
    Object.keys(data.errors || {}).forEach(function (field) {
      [].concat(data.errors[field]).forEach(function (message) { messages.push(message); });
    });
    errors.textContent = messages.join(" ");
    Object.keys(data.panes || {}).forEach(function (audience) {
      var column = document.querySelector('[data-pane="' + audience + '"]');
      var heading = column.querySelector("h3").outerHTML;
      column.innerHTML = heading + data.panes[audience];
    });
  }

  function refresh() {
    fetch(form.dataset.previewUrl, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) { return response.json(); })
      .then(showPanes)
      .catch(function () {});
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  });
  refresh();
})();
