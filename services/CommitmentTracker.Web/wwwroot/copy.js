// A secret shown once gets a "Copy" button where the clipboard can be written; without scripts the field is copied by hand.
(() => {
  if (!navigator.clipboard) {
    return;
  }

  for (const button of document.querySelectorAll('[data-copy-target]')) {
    const field = document.getElementById(button.dataset.copyTarget);
    const status = button.parentElement.querySelector('[data-copy-status]');
    if (!field) {
      continue;
    }

    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) {
          status.textContent = '';
          status.textContent = button.dataset.copiedText;
        }
      } catch {
        field.select();
      }
    });
  }
})();
