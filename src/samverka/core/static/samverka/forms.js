// After a form comes back with errors: the error summary takes the focus, so keyboard and
// screen-reader users start at the list of what to correct (GOV.UK's pattern), and the page's
// title says there are errors (the server says so too where it knows the form).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (!summary) return;
  const prefix = summary.dataset.titlePrefix;
  if (prefix && !document.title.startsWith(prefix)) document.title = `${prefix} ${document.title}`;
  summary.focus();
});
