// The impact page's "Print this report" button (no inline script: the CSP refuses it).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
