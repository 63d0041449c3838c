// Draws the status page's charts with uPlot from the JSON embedded in the page (ChartData), and
// marks each chart element with data-points (values drawn) and the body with data-chart-points.
(function () {
  'use strict';
  var PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777',
    '#4b5563', '#65a30d', '#7c3aed', '#0d9488'];

  function color(i) {
    return i < PALETTE.length ? PALETTE[i] : 'hsl(' + ((i * 47) % 360) + ',65%,45%)';
  }

  function compact(v) {
    if (v == null) return '';
    var a = Math.abs(v);
    if (a >= 1e9) return (v / 1e9).toFixed(1) + 'G';
    if (a >= 1e6) return (v / 1e6).toFixed(1) + 'M';
    if (a >= 1e4) return (v / 1e3).toFixed(0) + 'k';
    if (a >= 1e3) return (v / 1e3).toFixed(1) + 'k';
    return Math.round(v * 10) / 10 + '';
  }

  var data = JSON.parse(document.getElementById('chart-data').textContent);
  var total = 0;
  var charts = document.querySelectorAll('[data-chart]');
  for (var c = 0; c < charts.length; c++) {
    var el = charts[c];
    var series = data[el.getAttribute('data-chart')] || {};
    var names = Object.keys(series);
    var points = 0;
    names.forEach(function (n) {
      series[n].forEach(function (v) { if (v !== null) points++; });
    });
    el.setAttribute('data-points', String(points));
    if (points === 0) {
      el.className += ' empty';
      el.textContent = 'no data yet: the first points come with the containers\u2019 second report';
      continue;
    }
    var opts = {
      width: Math.max(320, el.clientWidth || 560),
      height: 210,
      legend: { show: names.length <= 16 },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } } },
      axes: [{}, { size: 56, values: function (u, vals) { return vals.map(compact); } }],
      series: [{}].concat(names.map(function (n, i) {
        return { label: n, stroke: color(i), width: 1.5, spanGaps: false, value: function (u, v) { return compact(v); },
          points: { show: data.times.length < 40 } };
      }))
    };
    new uPlot(opts, [data.times].concat(names.map(function (n) { return series[n]; })), el);
    el.setAttribute('data-drawn', 'true');
    total += points;
  }
  document.body.setAttribute('data-chart-points', String(total));
  if (document.body.getAttribute('data-refresh') === 'true') {
    setTimeout(function () { location.reload(); }, 5000);
  }
})();
