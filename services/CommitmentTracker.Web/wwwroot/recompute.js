// A running re-suggestion's progress, asked for every second and shown in the bar and its sentence. Without scripts
// the page reloads itself while it runs (a refresh inside <noscript>).
(() => {
  const box = document.querySelector('[data-recompute-url]');
  if (!box || !box.dataset.recomputeUrl) {
    return;
  }

  const bar = box.querySelector('progress');
  const text = box.querySelector('[data-recompute-text]');
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.recomputeUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin', redirect: 'error' });
      if (!response.ok) {
        return;
      }

      const progress = await response.json();
      bar.value = progress.percent;
      bar.textContent = `${progress.percent} %`;
      text.textContent = progress.text;
      if (!progress.running) {
        clearInterval(timer);
      }
    } catch {
      // Offline, or the session ended: the next page load says so.
    }
  };
  const timer = setInterval(poll, 1000);
})();
