// Shows each <time data-local datetime="..."> in the reader's own time zone and language. The
// server writes UTC, which stays as the text when scripts are off.
(function () {
  'use strict';
  var withYear = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };
  var thisYear = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  var now = new Date();
  document.querySelectorAll('time[data-local][datetime]').forEach(function (el) {
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when.getTime())) return;
    el.title = el.textContent.trim();
    el.textContent = when.toLocaleString(undefined, when.getFullYear() === now.getFullYear() ? thisYear : withYear);
  });
})();
