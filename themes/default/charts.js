/* prestatie – draws the charts.
   Each chart element names the <script type="application/json"> that holds
   its ECharts option. The option is data only (no functions), and this
   script evaluates nothing from the page, so the site works under
   Content-Security-Policy: script-src 'self'. Without JavaScript the data
   table shows instead; with it the chart appears and the table folds away
   behind its <summary>. Charts follow the width of their container.
   ECharts itself (named by this script's data-echarts) is loaded only when
   a chart comes near the viewport; until then the tables stand in. */
(function () {
  'use strict';
  if (!document.querySelectorAll || !Array.prototype.forEach) return;
  var script = document.currentScript;
  var library = script && script.getAttribute('data-echarts');
  var figures = [].map.call(document.querySelectorAll('.chart[data-chart]'), function (el) {
    return (el.closest && el.closest('figure')) || el.parentNode;
  });
  if (!figures.length) return;
  var started = false;
  function start() {
    if (started) return;
    started = true;
    if (typeof echarts !== 'undefined' || !library) {
      if (typeof echarts !== 'undefined') drawAll();
      return;
    }
    var s = document.createElement('script');
    s.src = library;
    s.onload = drawAll;
    document.head.appendChild(s);
  }
  if (window.IntersectionObserver && typeof echarts === 'undefined') {
    var io = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) {
          io.disconnect();
          start();
          return;
        }
      }
    }, { rootMargin: '300px 0px' });
    figures.forEach(function (f) { io.observe(f); });
  } else {
    start();
  }

  function drawAll() {

    var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

    // The chart options carry the default theme's colours; the page's tokens
    // (--prestatie-chart-*, which fall back to NL Design System tokens) take
    // their place, so the charts follow the municipality's house style.
    var tokens = {
      '#01689b': '--prestatie-chart-1', '#a65a00': '--prestatie-chart-2', '#2b7a32': '--prestatie-chart-3',
      '#5c2d91': '--prestatie-chart-4', '#a4262c': '--prestatie-chart-5', '#545454': '--prestatie-chart-6',
      '#006d77': '--prestatie-chart-7', '#6b6b6b': '--prestatie-color-status-not-started',
      '#1a1a1a': '--prestatie-color-text', '#c4c4c4': '--prestatie-color-border', '#ffffff': '--prestatie-color-background'
    };
    var css = window.getComputedStyle ? window.getComputedStyle(document.documentElement) : null;
    var resolved = {};
    Object.keys(tokens).forEach(function (hex) {
      var v = css && css.getPropertyValue(tokens[hex]).trim();
      if (v && v.charAt(0) !== '-') resolved[hex] = v;
    });
    var font = css && css.getPropertyValue('--prestatie-font-family').trim();

    function themed(v) {
      if (typeof v === 'string') return resolved[v.toLowerCase()] || v;
      if (Array.isArray(v)) return v.map(themed);
      if (v && typeof v === 'object') {
        var o = {};
        Object.keys(v).forEach(function (k) {
          o[k] = k === 'fontFamily' && font ? font : themed(v[k]);
        });
        return o;
      }
      return v;
    }
    var drawn = [];

    // Value axes carry the string template "{value}" (with "%" for
    // shares); ECharts would fill in 1,234 and 14.3, so the numbers are
    // written the Dutch way here: 1.234 and 14,3%.
    var nl = window.Intl && Intl.NumberFormat ? new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }) : null;
    function dutchNumber(v) {
      return nl ? nl.format(v) : String(v).replace('.', ',');
    }
    function dutchAxes(option) {
      ['xAxis', 'yAxis'].forEach(function (key) {
        [].concat(option[key] || []).forEach(function (axis) {
          var label = axis && axis.type === 'value' && axis.axisLabel;
          if (!label || typeof label.formatter !== 'string' || label.formatter.indexOf('{value}') < 0) return;
          var template = label.formatter;
          label.formatter = function (v) { return template.replace('{value}', dutchNumber(v)); };
        });
      });
      return option;
    }

    // Category labels sit above horizontal bars and may use the full width;
    // longer ones are cut short (the table has them in full). The value
    // axis gets as many numbers as fit: about one per 100 px.
    function fitAxes(d) {
      var width = d.el.clientWidth;
      var update = {};
      ['xAxis', 'yAxis'].forEach(function (key) {
        var axes = [].concat(d.option[key] || []);
        axes.forEach(function (axis) {
          if (!axis) return;
          if (axis.type === 'category' && axis.axisLabel && axis.axisLabel.width) {
            // Less the room ECharts keeps left of the plot for half the
            // value axis's first number.
            axis.axisLabel.width = Math.max(96, width - 28);
            update[key] = axes;
          }
          // Under vertical bars, a label wider than its bar's slot wraps.
          if (axis.type === 'category' && key === 'xAxis' && axis.axisLabel && axis.data && axis.data.length) {
            var grid = [].concat(d.option.grid || [{}])[0] || {};
            var plot = width - (parseInt(grid.left, 10) || 0) - (parseInt(grid.right, 10) || 0) - 30;
            axis.axisLabel.width = Math.max(48, Math.floor(plot / axis.data.length) - 2);
            axis.axisLabel.overflow = 'break';
            update[key] = axes;
          }
          if (axis.type === 'value' && key === 'xAxis') {
            // Round steps that end on the axis's last number: 0, 1.000,
            // 2.000, 3.000 rather than 2.000 beside a cramped 2.500.
            if (axis.prestatieMax === undefined) axis.prestatieMax = axis.max;
            var n = Math.max(3, Math.min(5, Math.floor(width / 100)));
            if (typeof axis.prestatieMax === 'number' && axis.prestatieMax > 0) {
              var step = niceStep(axis.prestatieMax / n);
              axis.interval = step;
              axis.max = Math.ceil(axis.prestatieMax / step - 1e-9) * step;
            } else {
              axis.splitNumber = n;
            }
            update[key] = axes;
          }
        });
      });
      return update;
    }

    function niceStep(x) {
      var p = Math.pow(10, Math.floor(Math.log10(x)));
      var steps = [1, 2, 2.5, 5, 10];
      for (var i = 0; i < steps.length; i++) {
        if (steps[i] * p >= x - 1e-9) return steps[i] * p;
      }
      return 10 * p;
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

    // Lay a chart out at its width. The legend's room above the plot is the
    // one measured last (none at first), then measured again once drawn:
    // at an unchanged width nothing moves, so a redraw does not flicker.
    function size(d, top) {
      d.fitted = top;
      d.el.style.height = d.height + top - d.top + 'px';
      d.chart.resize();
      d.chart.setOption({ grid: [{ top: top }] });
    }

    function layout(d) {
      var axes = fitAxes(d);
      size(d, d.fitted || d.top);
      d.chart.setOption(axes);
      d.el.removeAttribute('data-ready');
      // ECharts paints in the next animation frame; measure after it.
      var round = ++d.round;
      afterPaint(function () {
        if (round !== d.round) return; // a newer layout is under way
        var need = Math.max(d.top, legendBottom(d) + 10);
        if (need !== d.fitted) size(d, need);
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
      option = dutchAxes(themed(option));
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
  }
})();
