// The playbook editor: line numbers that follow the text, and problem links that put the caret on
// their line. Without this script the page still works: numbers match the text as loaded and the
// links jump to the marked excerpt.
(function () {
  var area = document.getElementById('yaml');
  var gutter = document.querySelector('.au-gutter');
  if (!area || !gutter) return;

  function lines() {
    return area.value.split(/\r\n|\r|\n/).length;
  }

  function refresh() {
    var n = lines();
    area.rows = n + 3;
    var numbers = [];
    for (var i = 1; i <= n + 3; i++) numbers.push(i);
    gutter.textContent = numbers.join('\n');
  }

  function goTo(line) {
    var text = area.value, at = 0;
    for (var i = 1; i < line && at >= 0; i++) at = text.indexOf('\n', at) + 1;
    if (at < 0) at = text.length;
    var end = text.indexOf('\n', at);
    area.focus();
    area.setSelectionRange(at, end < 0 ? text.length : end);
    var height = parseFloat(getComputedStyle(area).lineHeight) || 20;
    window.scrollTo(0, area.getBoundingClientRect().top + window.scrollY + (line - 3) * height);
  }

  area.addEventListener('input', refresh);
  document.querySelectorAll('a.au-goto[data-line]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      goTo(parseInt(link.getAttribute('data-line'), 10));
    });
  });
  refresh();
})();
