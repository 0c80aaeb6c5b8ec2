// After an enhanced navigation (Blazor swaps the page without a reload), move focus to the new page's heading, as a
// full page load would start a screen reader at the top. The only script of the workspace besides Blazor's.
Blazor.addEventListener('enhancedload', () => {
  const heading = document.querySelector('main h1');
  if (heading && !document.activeElement?.closest('main')) {
    heading.focus();
  }
});
