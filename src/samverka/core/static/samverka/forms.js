// After a form comes back with errors: the error summary takes the focus, so keyboard and
// screen-reader users start at the list of what to correct (GOV.UK's pattern), and the page's
// title says there are errors (the server says so too where it knows the form).
// A form that posts to a place on its page ("#item-3") comes back there; the browser's move to
// that place, after the page is read, takes the focus away again, so the summary takes it back
// once the page has loaded.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  const prefix = summary.dataset.titlePrefix;
  if (prefix && !document.title.startsWith(prefix)) document.title = `${prefix} ${document.title}`;
  summary.focus();
  window.addEventListener("load", () => {
    if (document.activeElement === document.body) summary.focus();
  });
});
