/* wagtail-employer: keeps an import's progress page up to date.
 *
 * Polls the page's status endpoint (data-status-url) and updates the <progress>
 * element and its text; reloads the page once the import has ended, so that the
 * server renders the result. No inline script, no external code: the admin may run
 * under a strict Content-Security-Policy. Without JavaScript the page has a
 * "Refresh" link instead.
 */
(function () {
  "use strict";

  var POLL_MILLISECONDS = 2000;
  var RETRY_MILLISECONDS = 10000;

  function start(section) {
    var url = section.getAttribute("data-status-url");
    var bar = section.querySelector("progress");
    var text = section.querySelector("[data-import-progress-text]");

    function show(status) {
      bar.max = Math.max(status.total, 1);
      bar.value = status.done;
      bar.textContent = status.percent + " %";
      text.textContent = status.text;
    }

    function poll() {
      window
        .fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (status) {
          if (status.state !== "running") {
            window.location.reload();
            return;
          }
          show(status);
          window.setTimeout(poll, POLL_MILLISECONDS);
        })
        .catch(function () {
          window.setTimeout(poll, RETRY_MILLISECONDS);
        });
    }

    window.setTimeout(poll, POLL_MILLISECONDS);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var sections = document.querySelectorAll("[data-import-progress]");
    for (var i = 0; i < sections.length; i += 1) {
      start(sections[i]);
    }
  });
})();
