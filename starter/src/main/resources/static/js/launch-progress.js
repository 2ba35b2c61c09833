// Follows a launch once a second until it is done: the progress bar and the four counts. Without
// this script the page refreshes itself (see the noscript element) until done.
(function () {
  var page = document.querySelector('[data-progress-url]');
  if (!page || page.getAttribute('data-done') === 'true') return;
  var url = page.getAttribute('data-progress-url');

  function show(name, value) {
    var el = page.querySelector('[data-count="' + name + '"]');
    if (el) el.textContent = value;
  }

  function tick() {
    fetch(url, {headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (p) {
        var bar = page.querySelector('progress');
        bar.max = Math.max(p.total, 1);
        bar.value = p.started + p.alreadyRunning + p.failed;
        show('started', p.started);
        show('alreadyRunning', p.alreadyRunning);
        show('failed', p.failed);
        show('pending', p.pending);
        show('total', p.total);
        if (p.done) {
          // The finished page lists failures and the link to the sequences: load it once.
          window.location.reload();
        } else {
          setTimeout(tick, 1000);
        }
      })
      .catch(function () { setTimeout(tick, 3000); });
  }
  setTimeout(tick, 1000);
})();
