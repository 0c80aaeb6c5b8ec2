// An import's page while it runs: asks the workspace for the rows read every second and updates the progress bar and its
// words in place; when the import has ended, loads the page again to show its outcome. Without scripts the page
// refreshes itself instead (a <meta http-equiv="refresh"> inside <noscript>).
(() => {
  const box = document.querySelector('[data-import-progress][data-running="true"]');
  if (!box) {
    return;
  }

  const bar = box.querySelector('progress');
  const words = box.querySelector('[data-progress-text]');
  let timer;
  const refresh = async () => {
    try {
      const response = await fetch(box.dataset.url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      if (!response.ok) {
        return;
      }

      const progress = await response.json();
      if (progress.rowsTotal > 0) {
        bar.max = progress.rowsTotal;
        bar.value = Math.min(progress.rowsRead, progress.rowsTotal);
      }

      if (words.textContent !== progress.text) {
        words.textContent = progress.text;
      }

      if (progress.finished) {
        clearInterval(timer);
        location.reload();
      }
    } catch {
      // Offline, or the session ended: the next page load says so.
    }
  };

  timer = setInterval(refresh, 1000);
})();
