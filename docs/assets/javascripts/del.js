// "Kopiér link" on a card: copies the page's address. Without JavaScript the address is shown
// as a link beside the button, so nothing depends on this script.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.vb-copy");
  if (!button || !navigator.clipboard) return;
  navigator.clipboard.writeText(button.getAttribute("data-url")).then(function () {
    button.textContent = "Link kopieret";
    setTimeout(function () { button.textContent = "Kopiér link"; }, 2500);
  });
});
