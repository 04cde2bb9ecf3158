/* prestatie – draws the charts.
   Each chart element names the <script type="application/json"> that holds
   its ECharts option. The option is data only (no functions), and this
   script evaluates nothing from the page, so the site works under
   Content-Security-Policy: script-src 'self'. Without JavaScript the data
   table shows instead; with it the chart appears and the table folds away
   behind its <summary>. Charts follow the width of their container. */
(function () {
  'use strict';
  if (typeof echarts === 'undefined' || !document.querySelectorAll || !Array.prototype.forEach) return;

  var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  var drawn = [];

  // Category labels sit above horizontal bars and may use the full width;
  // longer ones are cut short (the table has them in full).
  function fitLabels(d) {
    var width = d.el.clientWidth;
    var axes = [].concat(d.option.yAxis || []);
    var changed = false;
    axes.forEach(function (axis) {
      if (axis && axis.type === 'category' && axis.axisLabel && axis.axisLabel.width) {
        axis.axisLabel.width = Math.max(96, width - 8);
        changed = true;
      }
    });
    return changed ? { yAxis: axes } : null;
  }

  // A legend that wraps onto several lines pushes the bars down: measure
  // the drawn legend and give the bars room below it.
  function legendBottom(d) {
    var legend = d.option.legend;
    var svg = d.el.querySelector('svg');
    if (!legend || !legend.show || !svg) return 0;
    var names = {};
    [].concat(d.option.series || []).forEach(function (s) {
      if (s && s.name) names[s.name] = true;
    });
    var top = svg.getBoundingClientRect().top;
    var bottom = 0;
    [].forEach.call(svg.querySelectorAll('text'), function (t) {
      if (!names[t.textContent]) return;
      var r = t.getBoundingClientRect();
      if (r.height) bottom = Math.max(bottom, r.bottom - top);
    });
    return Math.ceil(bottom);
  }

  function layout(d) {
    var labels = fitLabels(d);
    d.el.style.height = d.height + 'px';
    d.chart.resize();
    d.chart.setOption({ grid: [{ top: d.top }] });
    if (labels) d.chart.setOption(labels);
    d.el.removeAttribute('data-ready');
    // ECharts paints in the next animation frame; measure after it.
    var round = ++d.round;
    afterPaint(function () {
      if (round !== d.round) return; // a newer layout is under way
      var need = legendBottom(d) + 10;
      if (need > d.top) {
        d.el.style.height = d.height + need - d.top + 'px';
        d.chart.resize();
        d.chart.setOption({ grid: [{ top: need }] });
      }
      afterPaint(function () {
        if (round === d.round) d.el.setAttribute('data-ready', '');
      });
    });
  }

  function afterPaint(fn) {
    requestAnimationFrame(function () { requestAnimationFrame(fn); });
  }

  [].forEach.call(document.querySelectorAll('.chart[data-chart]'), function (el) {
    var source = document.getElementById(el.getAttribute('data-chart'));
    var option;
    try {
      option = JSON.parse(source.textContent);
    } catch (e) {
      return; // leave the table in view
    }
    if (reduceMotion) option.animation = false;
    var grid = [].concat(option.grid || [{}])[0] || {};
    var d = {
      el: el,
      option: option,
      height: parseInt(el.getAttribute('data-height'), 10) || 300,
      top: parseInt(grid.top, 10) || 8,
      round: 0
    };
    el.hidden = false;
    el.style.height = d.height + 'px';
    d.chart = echarts.init(el, null, { renderer: 'svg' });
    d.chart.setOption(option);
    drawn.push(d);
    layout(d);
    var figure = el.closest ? el.closest('figure') : null;
    var details = figure && figure.querySelector('details.chart-data');
    if (details) details.open = false;
  });

  // Follow the width of each chart: ResizeObserver reports once per frame,
  // before paint, so the chart never shows at a stale width.
  function refit() {
    drawn.forEach(function (d) {
      var w = d.el.clientWidth;
      if (w !== d.width) {
        d.width = w;
        layout(d);
      }
    });
  }
  drawn.forEach(function (d) { d.width = d.el.clientWidth; });
  if (window.ResizeObserver) {
    var observer = new ResizeObserver(refit);
    drawn.forEach(function (d) { observer.observe(d.el); });
  } else {
    var pending;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(refit, 100);
    });
  }
})();
