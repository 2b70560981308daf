// Roster: "mark everyone present", and the minutes field only for partial attendance. The form works without it.
(function () {
  var form = document.querySelector('form[data-roster]');
  if (!form) { return; }
  function sync(select) {
    var box = select.closest('.row').querySelector('[data-minutes-box]');
    if (box) { box.hidden = select.value !== 'Partial'; }
  }
  var selects = form.querySelectorAll('select[data-status]');
  selects.forEach(function (s) { sync(s); s.addEventListener('change', function () { sync(s); }); });
  form.querySelectorAll('[data-mark-all]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var value = button.getAttribute('data-mark-all');
      selects.forEach(function (s) { s.value = value; sync(s); });
    });
  });
})();
