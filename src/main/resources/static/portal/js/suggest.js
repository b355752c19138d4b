// Support Center: while the customer types a new case's summary, show published articles that may answer it.
// Progressive enhancement: without this script the form works the same. Every text is set with textContent.
(function () {
  var summary = document.getElementById('summary');
  var product = document.getElementById('product');
  var box = document.getElementById('suggestions');
  if (!summary || !box || !window.fetch) { return; }
  var timer = null;
  var last = '';
  function render(items) {
    box.textContent = '';
    if (!items.length) { return; }
    var heading = document.createElement('p');
    heading.className = 'hint';
    heading.textContent = 'These articles may already answer your question:';
    box.appendChild(heading);
    var list = document.createElement('ul');
    items.forEach(function (item) {
      var entry = document.createElement('li');
      var link = document.createElement('a');
      link.href = item.url;
      link.target = '_blank';
      link.rel = 'noopener';
      link.textContent = item.title;
      entry.appendChild(link);
      var excerpt = document.createElement('span');
      excerpt.className = 'hint';
      excerpt.textContent = ' ' + item.excerpt;
      entry.appendChild(excerpt);
      list.appendChild(entry);
    });
    box.appendChild(list);
  }
  function lookUp() {
    var text = summary.value.trim();
    if (text === last) { return; }
    last = text;
    if (text.length < 4) { render([]); return; }
    var url = box.getAttribute('data-url') + '?q=' + encodeURIComponent(text)
      + (product && product.value.trim() ? '&product=' + encodeURIComponent(product.value.trim()) : '');
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(render)
      .catch(function () { render([]); });
  }
  summary.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 300);
  });
})();
