// The pages' only script: filters submit on change, and charts are drawn from the
// JSON the server rendered into the page. Everything else is plain links.
(function () {
  // empty fields stay out of the URL, so a bookmarked page says only what was chosen
  function send(form) {
    Array.from(form.elements).forEach(function (el) {
      if (el.name && el.value === "" && !el.disabled) el.disabled = true;
    });
    form.submit();
  }
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function (ev) { ev.preventDefault(); send(form); });
  });
  document.querySelectorAll(".autosubmit").forEach(function (el) {
    el.addEventListener("change", function () { send(el.form); });
  });
  if (typeof Chart === "undefined") return;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false;
  var COLORS = { lead_explicit: "#b42318", lead_first_listed: "#f79009", support_stated: "#2e90fa", inherited: "#98a2b3" };

  var data = document.getElementById("workload-data");
  var canvas = document.getElementById("workload-chart");
  if (data && canvas) {
    var d = JSON.parse(data.textContent);
    window.workloadChart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: d.labels,
        datasets: d.series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: COLORS[s.key] || "#667085", stack: "w" };
        }),
      },
      options: {
        indexAxis: "y", maintainAspectRatio: false, responsive: true,
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true, ticks: { autoSkip: false, font: { size: 11 } } } },
        plugins: { legend: { position: "top", labels: { boxWidth: 12 } } },
      },
    });
  }

  document.querySelectorAll("canvas.spark").forEach(function (c) {
    var s = JSON.parse(c.dataset.series);
    new Chart(c, {
      type: "line",
      data: { labels: s.years, datasets: [{ data: s.values, borderColor: "#b42318", pointRadius: 2, borderWidth: 1.5 }] },
      options: {
        responsive: false, plugins: { legend: { display: false }, tooltip: { enabled: true } },
        scales: { x: { ticks: { font: { size: 9 } }, grid: { display: false } }, y: { display: false } },
      },
    });
  });
})();
