// Print buttons (crisis plans and other shared copies): a plain link to the printable page, which works without
// JavaScript; with it, the link opens the browser's print dialogue instead.
for (const link of document.querySelectorAll('[data-module="waymark-print"]')) {
  link.addEventListener('click', event => { event.preventDefault(); window.print(); });
}
