// Background import: moves the progress bar from the status endpoint every second and reloads the page when the
// import has finished (the page then shows its result). Without JavaScript the page refreshes itself (noscript).
(function () {
  var box = document.querySelector('[data-import-run]');
  if (!box) { return; }
  var bar = box.querySelector('progress');
  var percent = box.querySelector('[data-percent]');
  var text = box.querySelector('[data-status-text]');
  function poll() {
    fetch(box.getAttribute('data-import-run'), { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { setTimeout(poll, 3000); return; }
        if (s.finished) { window.location.reload(); return; }
        bar.value = s.percent;
        percent.textContent = s.percent + '%';
        text.textContent = s.text;
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
