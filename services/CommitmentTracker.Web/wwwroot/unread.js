// The header's unread count, kept current while a page is open: it asks the workspace (which asks the API as the
// person) every few seconds. Without scripts the count is the one of the last page load. A change is announced once.
(() => {
  let timer;
  const refresh = async () => {
    const link = document.querySelector('[data-unread-url]');
    if (!link) {
      return;
    }

    try {
      const response = await fetch(link.dataset.unreadUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin', redirect: 'error' });
      if (!response.ok) {
        return;
      }

      const { count, text } = await response.json();
      const badge = link.querySelector('[data-unread-count]');
      if (badge && badge.textContent !== String(count)) {
        const rose = count > Number(badge.textContent);
        badge.textContent = String(count);
        badge.hidden = count === 0;
        link.querySelector('[data-unread-text]').textContent = text;
        if (rose) {
          const announce = document.querySelector('[data-unread-announce]');
          if (announce) {
            announce.textContent = text;
          }
        }
      }
    } catch {
      // Offline, or the session ended (a redirect to sign-in): the next page load says so.
    }
  };

  const start = () => {
    clearInterval(timer);
    const link = document.querySelector('[data-unread-url]');
    const seconds = Number(link?.dataset.pollSeconds);
    if (link && seconds > 0) {
      timer = setInterval(refresh, seconds * 1000);
    }
  };

  start();
})();
