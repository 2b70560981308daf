// Progressive enhancement only: every form works without this file.
document.querySelectorAll('select[data-autosubmit]').forEach(function (el) {
  el.addEventListener('change', function () { el.form.submit(); });
});

// Charts: a <canvas data-chart='{"type":"bar","labels":[...],"data":[...],"label":"..."}'>.
if (window.Chart) {
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec = JSON.parse(canvas.getAttribute('data-chart'));
    new window.Chart(canvas, {
      type: spec.type || 'bar',
      data: { labels: spec.labels, datasets: [{ label: spec.label, data: spec.data, backgroundColor: '#0b5394' }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } }
    });
  });
}
