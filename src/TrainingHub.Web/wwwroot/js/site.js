// Progressive enhancement only: every form works without this file.
document.querySelectorAll('select[data-autosubmit]').forEach(function (el) {
  el.addEventListener('change', function () { el.form.submit(); });
});

// Charts: a <canvas data-chart='{"type":"bar","labels":[...],"data":[...],"label":"..."}'>, or with "series":[{"label":"...","data":[...]}] one line each.
if (window.Chart) {
  var palette = ['#6c757d', '#0b5394', '#e69f00', '#198754', '#b02a37', '#6f42c1'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    new window.Chart(canvas, {
      type: spec.type || 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.series
          ? spec.series.map(function (s, i) { var c = palette[i % palette.length]; return { label: s.label, data: s.data, borderColor: c, backgroundColor: c }; })
          : [{ label: spec.label, data: spec.data, backgroundColor: '#0b5394' }]
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: !!spec.series } } }
    });
  });
}
