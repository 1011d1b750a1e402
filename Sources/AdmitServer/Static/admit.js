// Progressive enhancement only: every page works without this file.
// "Select all" ticks every entry's box in place instead of reloading the page with ?select=all.
document.querySelectorAll("[data-select-all]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    event.preventDefault();
    var boxes = document.querySelectorAll("input[name='entries[]']");
    var tick = Array.prototype.some.call(boxes, function (box) { return !box.checked; });
    boxes.forEach(function (box) { box.checked = tick; });
  });
});

// A candidate form (its data-busy holds the busy notice, in the page's language) is sent with fetch(), so that a
// busy server's answer (503 with Retry-After) keeps the page and what was typed: the notice shows and the same form
// is sent again after Retry-After. Any other answer is followed as the browser would: a redirect is navigated to,
// a page (an error tied to its field) is shown in place.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.hasAttribute("data-busy") || !window.fetch) return;
  event.preventDefault();
  if (form.getAttribute("aria-busy") !== "true") send(form);
});

function send(form) {
  form.setAttribute("aria-busy", "true");
  fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin" })
    .then(function (response) {
      if (response.status === 503 && response.headers.has("Retry-After")) {
        showBusy(form);
        var seconds = parseInt(response.headers.get("Retry-After"), 10) || 5;
        // Up to a second more at random: a hall of waiting pages does not come back at one instant.
        setTimeout(function () { send(form); }, seconds * 1000 + Math.random() * 1000);
      } else if (response.redirected) {
        location.assign(response.url);
      } else {
        return response.text().then(showPage);
      }
    })
    .catch(function () {
      // No answer at all: the browser sends the form itself and shows what it gets.
      form.removeAttribute("aria-busy");
      form.submit();
    });
}

function showBusy(form) {
  var notice = document.getElementById("busy-notice");
  if (!notice) {
    notice = document.createElement("div");
    notice.id = "busy-notice";
    notice.className = "flash busy";
    notice.setAttribute("role", "status");
    form.parentNode.insertBefore(notice, form);
  }
  // Filled in after the live region is on the page, so that screen readers announce it.
  setTimeout(function () { notice.textContent = form.getAttribute("data-busy"); }, 100);
}

// The answer's body replaces this one (its script is not run again: this listener stays the only one).
function showPage(html) {
  var page = new DOMParser().parseFromString(html, "text/html");
  document.title = page.title;
  document.documentElement.lang = page.documentElement.lang;
  document.body.replaceWith(document.adoptNode(page.body));
  window.scrollTo(0, 0);
  var focus = document.querySelector("[autofocus]");
  if (focus) focus.focus();
}

// The login report refreshes itself: every data-refresh seconds the page is fetched again and its report part
// replaced, while the tab is visible. Without JavaScript the page's Refresh link does the same.
document.querySelectorAll("[data-refresh]").forEach(function (report) {
  var seconds = parseInt(report.getAttribute("data-refresh"), 10);
  if (!seconds || !window.fetch) return;
  var timer = setInterval(function () {
    if (document.hidden) return;
    fetch(location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        // Signed out, or the session gone: stop, and leave the last report on the page.
        if (!response.ok || response.redirected) { clearInterval(timer); return; }
        return response.text().then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("report");
          if (fresh) report.innerHTML = fresh.innerHTML;
        });
      })
      .catch(function () { /* no answer this time: try again at the next tick */ });
  }, seconds * 1000);
});
