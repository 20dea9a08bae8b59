// Long operations (imports, rebuilds, uploads) show that they are under way and cannot be sent twice.
document.addEventListener('submit', function (e) {
  var button = e.submitter && e.submitter.hasAttribute('data-busy') ? e.submitter : e.target.querySelector('button[data-busy]');
  if (button) {
    button.disabled = true;
    button.textContent = button.getAttribute('data-busy');
    e.target.setAttribute('aria-busy', 'true');
  }
});
