// The dashboard page: draws what /api/results, /api/health and /api/live return, or, in an
// exported file, what window.PINPIPE_DATA holds. Data reaches the page as text nodes, or drawn on
// a chart's canvas; the one place ECharts takes HTML, a tooltip, gets every value escaped.
(function () {
  'use strict';
  var exported = window.PINPIPE_DATA || null;
  var LIVE_EVERY_MS = 5000;
  var HEALTH_EVERY_MS = 15000;
  var charts = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = attrs[key]; } else { node.setAttribute(key, attrs[key]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  // ECharts inserts a tooltip formatter's string as HTML: what goes into one must be escaped.
  function escapeHtml(value) {
    return String(value === null || value === undefined ? '' : value).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function message(kind, text) { return el('p', { 'class': kind, text: text }); }

  function getJson(path) {
    return fetch(path, { cache: 'no-store' }).then(function (response) {
      if (!response.ok) { throw new Error(path + ': HTTP ' + response.status); }
      return response.json();
    });
  }

  // Draws (or redraws) a chart and records on its element how many points or bars it holds, and
  // how many are in view (a long ranking shows 30 bars at a time, the slider moves along it).
  function draw(div, option) {
    var chart = charts[div.id] || echarts.init(div, null, { renderer: 'canvas' });
    charts[div.id] = chart;
    chart.setOption(option, true);
    var held = 0, shown = 0;
    chart.getModel().eachSeries(function (series) {
      held += series.getRawData().count();
      shown += series.getData().count();
    });
    div.setAttribute('data-points', String(held));
    div.setAttribute('data-shown', String(shown));
    div.setAttribute('data-rendered', 'true');
  }

  function barOption(xs, values, yName, labels) {
    return {
      animation: false,
      grid: { left: 16, right: 16, top: 30, bottom: xs.length > 30 ? 50 : 16, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          var item = items[0];
          var label = labels ? escapeHtml(labels[item.dataIndex]) + ': ' : '';
          return escapeHtml(item.name) + '<br>' + label + escapeHtml(item.value);
        }
      },
      xAxis: { type: 'category', data: xs, axisLabel: { rotate: xs.length > 6 ? 40 : 0 } },
      yAxis: { type: 'value', name: yName },
      dataZoom: xs.length > 30 ? [{ type: 'slider', startValue: 0, endValue: 29 }, { type: 'inside' }] : [],
      series: [{ type: 'bar', name: yName, data: values, itemStyle: { color: '#bd081c' } }]
    };
  }

  function lineOption(lines, xName, yName, xType) {
    return {
      animation: false,
      grid: { left: 16, right: 16, top: 40, bottom: 16, containLabel: true },
      tooltip: {
        trigger: 'axis',
        formatter: function (items) {
          var x = items.length ? items[0].value[0] : '';
          var head = xType === 'time' ? new Date(x).toISOString() : x;
          return [escapeHtml(head)].concat(items.map(function (item) {
            return escapeHtml(item.seriesName) + ': ' + escapeHtml(item.value[1]);
          })).join('<br>');
        }
      },
      legend: { top: 0 },
      xAxis: xType === 'time' ? { type: 'time' }
        : { type: 'value', name: xName, minInterval: 1, scale: true, axisLabel: { formatter: String } },
      yAxis: { type: 'value', name: yName },
      series: lines.map(function (line) {
        return { type: 'line', name: line.name, data: line.points, showSymbol: true };
      })
    };
  }

  function resultOption(result) {
    var spec = result.chart;
    var col = function (name) { return result.columns.indexOf(name); };
    var x = col(spec.x), y = col(spec.y);
    if (spec.kind === 'bar') {
      var labels = spec.label ? result.rows.map(function (row) { return row[col(spec.label)]; }) : null;
      return barOption(result.rows.map(function (row) { return String(row[x]); }),
        result.rows.map(function (row) { return row[y]; }), spec.y, labels);
    }
    var lines = [];
    var byName = {};
    result.rows.forEach(function (row) {
      var name = spec.series ? String(row[col(spec.series)]) : spec.y;
      if (!byName[name]) { byName[name] = { name: name, points: [] }; lines.push(byName[name]); }
      byName[name].points.push([row[x], row[y]]);
    });
    return lineOption(lines, spec.x, spec.y, 'value');
  }

  function table(columns, rows) {
    var head = el('tr', {}, columns.map(function (c) { return el('th', { text: c }); }));
    var body = rows.map(function (row) {
      return el('tr', {}, row.map(function (value) {
        return el('td', { text: value === null ? '' : String(value), 'class': typeof value === 'number' ? 'number' : '' });
      }));
    });
    return el('table', {}, [el('thead', {}, [head]), el('tbody', {}, body)]);
  }

  // A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula:
  // such a text cell gets a leading ' so it is shown as the text it is. Numbers stay numbers.
  function csv(columns, rows) {
    var cell = function (value) {
      var text = value === null || value === undefined ? '' : String(value);
      if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(text)) { text = "'" + text; }
      return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
    };
    return [columns].concat(rows).map(function (row) { return row.map(cell).join(','); }).join('\n') + '\n';
  }

  function download(name, type, text) {
    return el('a', { href: 'data:' + type + ';charset=utf-8,' + encodeURIComponent(text), download: name, text: name });
  }

  function renderResults(data) {
    var list = document.getElementById('results-list');
    list.textContent = '';
    if (data.error) { list.appendChild(message('error', data.error)); return; }
    document.getElementById('results-source').textContent = 'From ' + data.outputDir + '.';
    data.results.forEach(function (result) {
      var card = el('div', { 'class': 'card', id: 'result-' + result.folder }, [
        el('h3', { text: result.title }),
        el('p', { 'class': 'definition', text: result.definition + ' (' + result.folder + ')' })
      ]);
      list.appendChild(card);
      if (result.empty) { card.appendChild(message('empty', result.hint)); return; }
      var chart = el('div', { 'class': 'chart', id: 'chart-' + result.folder, 'data-chart': result.folder });
      var objects = result.rows.map(function (row) {
        var object = {};
        result.columns.forEach(function (c, i) { object[c] = row[i]; });
        return object;
      });
      card.appendChild(el('div', { 'class': 'pair' }, [chart,
        el('div', {}, [el('div', { 'class': 'rows' }, [table(result.columns, result.rows)]),
          el('p', { 'class': 'downloads' }, [
            download(result.folder + '.csv', 'text/csv', csv(result.columns, result.rows)),
            download(result.folder + '.json', 'application/json', JSON.stringify(objects, null, 1))])])]));
      draw(chart, resultOption(result));
    });
  }

  function renderLive(live) {
    var status = document.getElementById('live-status');
    var shown = document.getElementById('live-charts');
    if (live.error || live.hint) {
      status.className = live.error ? 'error' : 'empty';
      status.textContent = live.error || live.hint;
      shown.hidden = true;
      return;
    }
    shown.hidden = false;
    var ago = Math.max(0, Math.round((Date.now() - Date.parse(live.lastCommit)) / 1000));
    status.className = 'note';
    status.textContent = 'From ' + live.deltaRoot + '; last commit ' + live.lastCommit + ' (' + ago
      + ' s ago); ' + live.windows.length + ' windows; updates every ' + LIVE_EVERY_MS / 1000 + ' s.';
    var series = ['records', 'rejected', 'posts'].map(function (field) {
      return { name: field, points: live.windows.map(function (w) { return [w.start, w[field]]; }) };
    });
    draw(document.getElementById('live-windows'), lineOption(series, 'window', 'count', 'time'));
    var withTop = live.windows.filter(function (w) { return w.top_category !== null; });
    draw(document.getElementById('live-categories'), barOption(
      withTop.map(function (w) { return w.start.substring(11, 19); }),
      withTop.map(function (w) { return w.top_category_posts; }), 'posts',
      withTop.map(function (w) { return w.top_category; })));
    var posters = live.topPosters.rows;
    document.getElementById('live-posters-window').textContent = live.topPosters.windowStart
      ? 'Window from ' + live.topPosters.windowStart + ', top poster per country by followers.' : '';
    draw(document.getElementById('live-posters'), barOption(
      posters.map(function (p) { return p.poster_name + ' (' + p.country + ')'; }),
      posters.map(function (p) { return p.follower_count; }), 'followers', null));
  }

  function keyValues(pairs) {
    return el('table', {}, pairs.map(function (pair) {
      return el('tr', {}, [el('th', { text: pair[0] }), el('td', { text: pair[1] === null || pair[1] === undefined ? '' : String(pair[1]) })]);
    }));
  }

  function lagCard(title, lag) {
    var card = el('div', { 'class': 'card' }, [el('h3', { text: title }), el('p', { 'class': 'note', text: 'Consumer group ' + lag.group + '.' })]);
    if (lag.error) { card.appendChild(message('error', lag.error)); }
    if (lag.hint) { card.appendChild(message('empty', lag.hint)); }
    if (lag.topics && lag.topics.length) {
      card.appendChild(keyValues(lag.topics.map(function (t) { return [t.topic + ' (records behind)', t.lag]; })));
    }
    return card;
  }

  function renderHealth(health) {
    var body = document.getElementById('health-body');
    body.textContent = '';
    if (health.error) { body.appendChild(message('error', health.error)); return; }
    var clean = el('div', { 'class': 'card', id: 'health-clean' }, [el('h3', { text: 'Rows per clean table' })]);
    if (health.cleanHint) { clean.appendChild(message('empty', health.cleanHint)); }
    clean.appendChild(keyValues(Object.keys(health.clean).map(function (kind) { return ['clean/' + kind, health.clean[kind]]; })));
    body.appendChild(clean);
    var rejected = el('div', { 'class': 'card', id: 'health-rejected' }, [el('h3', { text: 'Rejected lines, per kind and reason' })]);
    health.rejected.forEach(function (kind) {
      rejected.appendChild(el('h4', { text: kind.kind + ': ' + kind.total + ' rejected' }));
      kind.reasons.forEach(function (reason) {
        var examples = reason.examples.map(function (e) {
          return el('li', {}, [el('code', { text: e.raw }), el('span', { text: ' from ' + e.source })]);
        });
        rejected.appendChild(el('details', {}, [el('summary', { text: reason.reason + ': ' + reason.count }), el('ul', {}, examples)]));
      });
    });
    body.appendChild(rejected);
    var run = el('div', { 'class': 'card', id: 'health-last-run' }, [el('h3', { text: 'Last batch run' })]);
    if (health.lastRun) {
      run.appendChild(keyValues([['started', health.lastRun.started_at], ['ended', health.lastRun.ended_at],
        ['seconds', health.lastRun.seconds], ['runner', health.lastRun.runner], ['lake', health.lastRun.lake_root]]));
    } else {
      run.appendChild(message('empty', health.lastRunHint));
    }
    if (health.batchDelta) {
      run.appendChild(keyValues([['Delta tables', health.batchDelta]]));
    }
    body.appendChild(run);
    body.appendChild(lagCard("land's lag behind Kafka", health.land));
    var stream = lagCard("stream's lag behind its source", health.stream);
    if (health.stream.tables.length) {
      stream.appendChild(keyValues(health.stream.tables.map(function (t) {
        return [t.table, t.error || t.hint || ('last commit ' + t.lastCommit + ', ' + t.secondsSince + ' s ago')];
      })));
    }
    body.appendChild(stream);
  }

  function showError(where) {
    return function (error) {
      var target = document.getElementById(where);
      target.textContent = '';
      target.appendChild(message('error', String(error.message || error)));
    };
  }

  function start() {
    if (exported) {
      document.getElementById('stamp').textContent = 'exported ' + exported.exportedAt;
      renderResults(exported.results);
      renderHealth(exported.health);
      var status = document.getElementById('live-status');
      status.className = 'empty';
      status.textContent = 'An exported page holds no live results: run pinpipe dashboard --deltaRoot=... to follow the stream.';
      return;
    }
    getJson('/api/results').then(renderResults).catch(showError('results-list'));
    var health = function () { getJson('/api/health').then(renderHealth).catch(showError('health-body')); };
    var live = function () { getJson('/api/live').then(renderLive).catch(showError('live-status')); };
    health();
    live();
    setInterval(live, LIVE_EVERY_MS);
    setInterval(health, HEALTH_EVERY_MS);
  }

  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (id) { charts[id].resize(); }); });
  start();
}());
