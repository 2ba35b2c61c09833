// The launch form's "Add a person" button: copies the last committee row, empty, with the next
// index in every name, id and label. Without this script the form offers five rows.
(function () {
  var button = document.getElementById('add-person');
  var body = document.querySelector('table.au-committee tbody');
  if (!button || !body) return;
  button.hidden = false;

  button.addEventListener('click', function () {
    var rows = body.querySelectorAll('tr.au-person');
    var last = rows[rows.length - 1];
    var index = rows.length;
    var copy = last.cloneNode(true);
    copy.querySelectorAll('.error').forEach(function (e) { e.remove(); });
    copy.querySelectorAll('input, select').forEach(function (field) {
      ['name', 'id'].forEach(function (attr) {
        var value = field.getAttribute(attr);
        if (value) field.setAttribute(attr, value.replace(/contacts\[\d+\]/, 'contacts[' + index + ']').replace(/contacts\d+/, 'contacts' + index));
      });
      var label = field.getAttribute('aria-label');
      if (label) field.setAttribute('aria-label', label.replace(/\d+$/, String(index + 1)));
      field.removeAttribute('aria-invalid');
      if (field.type === 'checkbox') field.checked = false;
      else if (field.type !== 'hidden') field.value = '';
    });
    body.appendChild(copy);
    copy.querySelector('input').focus();
  });
})();
