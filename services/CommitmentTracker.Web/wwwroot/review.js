// Keyboard shortcuts of the review queue, a convenience on top of its forms (which work without this script). They act
// only while focus is inside the queue and never while typing, so single keys cannot fire by accident (WCAG 2.1.4):
// J / K next and previous suggestion, A accept, R reject, X select for the bulk action.
(() => {
  const rows = () => Array.from(document.querySelectorAll('[data-review-queue] [data-review-row]'));
  const show = () => document.querySelectorAll('[data-shortcuts-help]').forEach(help => { help.hidden = false; });
  show();

  document.addEventListener('keydown', event => {
    const target = event.target;
    if (!(target instanceof Element) || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }

    const row = target.closest('[data-review-row]');
    if (!row || target.closest('textarea, input:not([type=checkbox]), select')) {
      return;
    }

    const all = rows();
    const index = all.indexOf(row);
    const key = event.key.toLowerCase();
    if (key === 'j' || key === 'k') {
      const next = all[index + (key === 'j' ? 1 : -1)];
      if (next) {
        next.focus();
        next.scrollIntoView({ block: 'nearest' });
      }
    } else if (key === 'a') {
      row.querySelector('[data-review-accept]')?.click();
    } else if (key === 'r') {
      row.querySelector('[data-review-reject]')?.click();
    } else if (key === 'x') {
      const box = row.querySelector('[data-review-select]');
      if (box && target !== box) {
        box.checked = !box.checked;
      } else {
        return;
      }
    } else {
      return;
    }

    event.preventDefault();
  });
})();
