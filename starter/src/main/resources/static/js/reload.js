// Reloads the page after the seconds an element's data-reload-after says (a page waiting for
// something that happens within moments). Without this script a noscript refresh does the same.
(function () {
  var el = document.querySelector('[data-reload-after]');
  if (el) setTimeout(function () { window.location.reload(); }, 1000 * parseFloat(el.getAttribute('data-reload-after')));
})();
