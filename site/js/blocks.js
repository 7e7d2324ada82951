// Data blocks: self-assessment checklists (criteria blocks).
// State is kept in localStorage, keyed by page path + criteria set id; without JS the list
// stays readable and tickable, only the summary is missing.
(function () {
  'use strict';
  function storageKey(block) {
    return 'sotay:criteria:' + location.pathname + '#' + block.getAttribute('data-criteria');
  }
  function load(key) {
    try {
      var v = JSON.parse(localStorage.getItem(key) || '[]');
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }
  function save(key, list) {
    try {
      if (list.length) localStorage.setItem(key, JSON.stringify(list));
      else localStorage.removeItem(key);
    } catch (e) { /* private mode or storage full: keep working without saving */ }
  }
  function setup(block) {
    var key = storageKey(block);
    var boxes = Array.prototype.slice.call(block.querySelectorAll('.sotay-checklist input[type=checkbox]'));
    var summary = block.querySelector('.sotay-criteria-summary');
    var total = boxes.length;
    var saved = load(key);
    boxes.forEach(function (b) { b.checked = saved.indexOf(Number(b.value)) !== -1; });
    var reset = document.createElement('button');
    reset.type = 'button';
    reset.className = 'sotay-criteria-reset';
    reset.textContent = 'Bỏ chọn tất cả';
    function update(store) {
      var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return Number(b.value); });
      if (store) save(key, on);
      if (summary) {
        var text = 'Bạn đáp ứng ' + on.length + '/' + total + ' tiêu chí';
        text += on.length === total ? ' — đủ tất cả tiêu chí.' : '.';
        summary.textContent = text;
        summary.hidden = false;
        summary.classList.toggle('sotay-all', on.length === total);
      }
      reset.hidden = on.length === 0;
    }
    boxes.forEach(function (b) { b.addEventListener('change', function () { update(true); }); });
    reset.addEventListener('click', function () {
      boxes.forEach(function (b) { b.checked = false; });
      update(true);
      if (boxes[0]) boxes[0].focus();
    });
    if (summary && summary.parentNode) summary.parentNode.insertBefore(reset, summary.nextSibling);
    update(false);
  }
  // Links from the articles into the calculator pages (sample-sizes and deadlines blocks):
  // the generator writes the tool page as href (checked like every link) and the field to
  // preselect as data-tool-state ("nhom=fsw", "don-vi=hiv_tinh", validated against the
  // calculator's own ids at build time); the tool reads it from the URL fragment. Without
  // JavaScript the link still opens the tool, which needs JavaScript anyway.
  function toolLink(a) {
    var base = (a.getAttribute('href') || '').split('#')[0];
    a.setAttribute('href', base + '#' + a.getAttribute('data-tool-state'));
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-criteria]'), setup);
    Array.prototype.forEach.call(document.querySelectorAll('a[data-tool-state]'), toolLink);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
