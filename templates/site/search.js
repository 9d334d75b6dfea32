// Client-side search of the zxkit reference site: names and summaries from search-index.js
// (window.ZXKIT_SEARCH_INDEX), loaded by a script tag so it works from file:// too. Keys:
// "/" focuses the box, the arrows move through the results, Enter opens one, Escape closes.
(function () {
  'use strict';
  var index = window.ZXKIT_SEARCH_INDEX || [];
  var root = document.body.getAttribute('data-root') || '';
  var input = document.getElementById('search');
  var list = document.getElementById('search-results');
  if (!input || !list) return;
  var selected = -1;
  var LIMIT = 20;

  function score(entry, words) {
    var name = entry.name.toLowerCase();
    var bare = name.replace(/^zx_/, '').replace(/\(\)$/, '');
    var text = name + ' ' + entry.summary.toLowerCase();
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (text.indexOf(w) < 0) return 0;
      if (bare === w || name === w) total += 100;
      else if (bare.indexOf(w) === 0 || name.indexOf(w) === 0) total += 50;
      else if (name.indexOf(w) >= 0) total += 20;
      else total += 5;
    }
    return total;
  }

  function search(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], words);
      if (s > 0) hits.push({ entry: index[i], score: s });
    }
    hits.sort(function (a, b) { return b.score - a.score || (a.entry.name < b.entry.name ? -1 : 1); });
    return hits.slice(0, LIMIT).map(function (h) { return h.entry; });
  }

  function option(entry, n) {
    var li = document.createElement('li');
    li.id = 'search-result-' + n;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    var a = document.createElement('a');
    a.href = root + entry.url;
    a.tabIndex = -1;
    var name = document.createElement('code');
    name.textContent = entry.name;
    a.appendChild(name);
    if (entry.implemented === false) a.appendChild(document.createTextNode(' (not implemented)'));
    if (entry.kind !== 'syscall') a.appendChild(document.createTextNode(' · ' + entry.kind));
    var summary = document.createElement('span');
    summary.className = 'summary';
    summary.textContent = entry.summary;
    a.appendChild(summary);
    li.appendChild(a);
    return li;
  }

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    selected = -1;
  }

  function show() {
    var results = search(input.value);
    list.textContent = '';
    selected = -1;
    if (input.value.trim() === '') return close();
    if (results.length === 0) {
      var none = document.createElement('li');
      none.className = 'empty';
      none.textContent = 'No syscall or object type matches.';
      list.appendChild(none);
    }
    results.forEach(function (entry, n) { list.appendChild(option(entry, n)); });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (results.length > 0) select(0);
  }

  function select(n) {
    var items = list.querySelectorAll('[role="option"]');
    if (items.length === 0) return;
    selected = (n + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute('aria-selected', i === selected ? 'true' : 'false'); });
    input.setAttribute('aria-activedescendant', items[selected].id);
    items[selected].scrollIntoView({ block: 'nearest' });
  }

  input.addEventListener('input', show);
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') { e.preventDefault(); select(selected + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); select(selected - 1); }
    else if (e.key === 'Enter') {
      var items = list.querySelectorAll('[role="option"] a');
      if (selected >= 0 && items[selected]) { e.preventDefault(); window.location.href = items[selected].href; }
    } else if (e.key === 'Escape') { input.value = ''; close(); }
  });
  input.addEventListener('blur', function () { setTimeout(close, 150); });
  input.addEventListener('focus', function () { if (input.value.trim() !== '') show(); });
  document.addEventListener('keydown', function (e) {
    var t = e.target;
    var typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable);
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); input.focus(); input.select(); }
  });
})();
