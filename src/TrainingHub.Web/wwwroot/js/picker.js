// Searchable single choice: an <input data-filters="selectId"> hides the options of the select whose text does not
// hold what was typed (accents and case ignored). Without this file the select works as is.
(function () {
  function fold(text) { return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }
  document.querySelectorAll('input[data-filters]').forEach(function (input) {
    var select = document.getElementById(input.getAttribute('data-filters'));
    if (!select) { return; }
    var texts = Array.prototype.map.call(select.options, function (o) { return fold(o.text); });
    input.addEventListener('input', function () {
      var typed = fold(input.value.trim());
      Array.prototype.forEach.call(select.options, function (o, i) { o.hidden = typed !== '' && texts[i].indexOf(typed) < 0; });
    });
  });
})();
