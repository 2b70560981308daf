// Searchable multi-select: a <select multiple data-searchable> becomes a filter box and a list of check boxes (no
// Ctrl-click), kept in step with the select, which still carries the values. A list of check boxes already on the page
// (<div data-searchable-list>, each choice a [data-choice] row, e.g. organisations with their seat quotas) gets the
// same filter box above it. Without this file the select and the lists work as they are.
(function () {
  function plain(text) { return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim(); }
  document.querySelectorAll('[data-searchable-list]').forEach(function (list, n) {
    var filter = document.createElement('input');
    filter.type = 'search';
    filter.className = 'form-control form-control-sm mb-2';
    filter.id = list.id ? list.id + '-search' : 'searchable-list-' + n;
    filter.placeholder = list.getAttribute('data-search-placeholder') || '';
    filter.setAttribute('aria-label', filter.placeholder);
    if (list.id) { filter.setAttribute('aria-controls', list.id); }
    var rows = list.querySelectorAll('[data-choice]');
    rows.forEach(function (row) { row.setAttribute('data-text', plain(row.textContent)); });
    filter.addEventListener('input', function () {
      var q = plain(filter.value);
      rows.forEach(function (row) { row.hidden = q !== '' && row.getAttribute('data-text').indexOf(q) < 0; });
    });
    list.parentNode.insertBefore(filter, list);
  });
  document.querySelectorAll('select[multiple][data-searchable]').forEach(function (select) {
    var box = document.createElement('div');
    box.className = 'border rounded p-2';
    box.setAttribute('data-multiselect', '');
    var filter = document.createElement('input');
    filter.type = 'search';
    filter.className = 'form-control form-control-sm mb-2';
    filter.placeholder = select.getAttribute('data-search-placeholder') || '';
    filter.setAttribute('aria-label', select.getAttribute('data-search-label') || filter.placeholder);
    filter.setAttribute('aria-controls', select.id + '-choices');
    var count = document.createElement('div');
    count.className = 'form-text mt-0 mb-1';
    count.setAttribute('aria-live', 'polite');
    var list = document.createElement('div');
    list.id = select.id + '-choices';
    list.setAttribute('role', 'group');
    list.setAttribute('aria-labelledby', select.id + '-label');
    list.style.maxHeight = '14rem';
    list.style.overflowY = 'auto';
    var template = select.getAttribute('data-chosen-text') || '{0}';
    function chosen() { count.textContent = template.replace('{0}', select.selectedOptions.length); }
    Array.prototype.forEach.call(select.options, function (option, i) {
      var row = document.createElement('div');
      row.className = 'form-check';
      var check = document.createElement('input');
      check.type = 'checkbox';
      check.className = 'form-check-input';
      check.id = select.id + '-choice-' + i;
      check.checked = option.selected;
      check.addEventListener('change', function () { option.selected = check.checked; chosen(); });
      var label = document.createElement('label');
      label.className = 'form-check-label';
      label.htmlFor = check.id;
      label.textContent = option.textContent;
      row.appendChild(check);
      row.appendChild(label);
      row.setAttribute('data-text', option.textContent.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase());
      list.appendChild(row);
    });
    filter.addEventListener('input', function () {
      var q = filter.value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
      list.querySelectorAll('[data-text]').forEach(function (row) {
        row.hidden = q !== '' && row.getAttribute('data-text').indexOf(q) < 0;
      });
    });
    box.appendChild(filter);
    box.appendChild(count);
    box.appendChild(list);
    select.hidden = true;
    select.parentNode.insertBefore(box, select.nextSibling);
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label) { label.id = select.id + '-label'; label.htmlFor = filter.id = select.id + '-search'; }
    chosen();
  });
})();
