// Instructor's check-in screen: refreshes the code, its QR code, the count and the time left. The page works without
// it (reload to see the next code); when the window closes the page reloads to show the closed state.
(function () {
  var box = document.querySelector('[data-checkin-live]');
  if (!box) { return; }
  var url = box.getAttribute('data-checkin-live');
  var code = box.getAttribute('data-code') || '';
  var codeEl = box.querySelector('[data-live-code]');
  var qrEl = box.querySelector('[data-live-qr]');
  var countEl = box.querySelector('[data-live-count]');
  var rotatesEl = box.querySelector('[data-live-rotates]');
  var template = rotatesEl ? rotatesEl.textContent.replace(/\d+/, '{0}') : '';
  var left = 0;
  function group(c) { return c.length === 6 ? c.slice(0, 3) + ' ' + c.slice(3) : c; }
  function refresh() {
    fetch(url + '?have=' + encodeURIComponent(code), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) { return; }
        if (!d.open) { window.location.reload(); return; }
        if (d.code !== code) {
          code = d.code;
          codeEl.textContent = group(code);
          box.setAttribute('data-code', code);
        }
        if (d.qr) { qrEl.src = d.qr; }
        countEl.textContent = d.countText;
        left = d.secondsLeft;
        if (rotatesEl) { rotatesEl.textContent = template.replace('{0}', left); }
      })
      .catch(function () { /* try again on the next tick */ });
  }
  setInterval(function () {
    left -= 1;
    if (left <= 0) { refresh(); } else if (rotatesEl) { rotatesEl.textContent = template.replace('{0}', left); }
  }, 1000);
  setInterval(refresh, 5000);
  refresh();
})();
