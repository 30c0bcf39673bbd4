// Keyboard use of what Material does not make keyboard-ready (WCAG 2.1.1, 4.1.2).
//
// The main menu: below 76.25em Material opens it with a <label> for its #__drawer checkbox, which
// neither takes focus nor has a name. The label stays for pages without JavaScript; here a real
// button (in our partials/header.html) replaces it: it says whether the menu is open, moves focus
// into the menu, and Escape or Shift+Tab from the menu's first link closes it again and returns
// to the button.
(function () {
  var drawer = document.getElementById("__drawer");
  var button = document.querySelector("button.vb-menu-button");
  var menu = document.querySelector(".md-sidebar--primary");
  if (!drawer || !button || !menu) return;
  var label = document.querySelector('.md-header label[for="__drawer"]');
  if (label) label.hidden = true;
  button.hidden = false;

  function isDrawer() {  // from 76.25em the menu is always shown and the button is hidden
    return button.getClientRects().length > 0;
  }

  function firstStop() {
    var stops = menu.querySelectorAll("a[href], button, input, select, textarea, [tabindex]");
    for (var i = 0; i < stops.length; i++) {
      if (stops[i].tabIndex >= 0 && stops[i].getClientRects().length) return stops[i];
    }
    return null;
  }

  function sync() {
    button.setAttribute("aria-expanded", drawer.checked ? "true" : "false");
  }

  function close() {
    if (drawer.checked) drawer.click();  // a click, as Material toggles it, so it sees the change
  }

  button.addEventListener("click", function () {
    drawer.click();
    var first = drawer.checked && firstStop();
    if (first) first.focus({preventScroll: true});
  });
  drawer.addEventListener("change", sync);  // also when the overlay or Material closes it
  window.addEventListener("pageshow", sync);

  document.addEventListener("keydown", function (event) {
    if (!drawer.checked || !isDrawer()) return;
    var back = event.key === "Tab" && event.shiftKey && document.activeElement === firstStop();
    if (event.key === "Escape" || back) {
      event.preventDefault();
      close();
      button.focus();
    }
  });
  // Focus that leaves the open menu otherwise (Tab past its last link) closes it, so the focused
  // element is not hidden behind the menu or its overlay.
  document.addEventListener("focusin", function (event) {
    if (drawer.checked && isDrawer() && event.target !== button && !menu.contains(event.target)) {
      close();
    }
  });
  sync();
})();

// The search on a phone: below 60em Material opens it with a <label> for its #__search checkbox,
// which does not take focus. A real button (partials/header.html) replaces it and moves focus to
// the search field; Material closes the search again on Escape.
(function () {
  var toggle = document.getElementById("__search");
  var button = document.querySelector("button.vb-search-button");
  var field = document.querySelector("input.md-search__input");
  if (!toggle || !button || !field) return;
  var label = document.querySelector('.md-header label[for="__search"]');
  if (label) label.hidden = true;
  button.hidden = false;
  button.addEventListener("click", function () {
    if (!toggle.checked) toggle.click();  // a click, as Material toggles it, so it sees the change
    field.focus();
  });
  // Escape closes the search (Material, on the window, after this listener) and drops focus on
  // the page; give it back to the button once Material is done, where the visitor left off.
  document.addEventListener("keydown", function (event) {
    var inSearch = document.activeElement && document.activeElement.closest(".md-search");
    if (event.key !== "Escape" || !inSearch || !button.getClientRects().length) return;
    setTimeout(function () {
      if (!toggle.checked) button.focus();
    }, 0);
  });
})();

// The search form's "Søg" button keeps the visitor in the search (the results show while they
// type) instead of sending the form and reloading the page.
(function () {
  var form = document.querySelector("form.md-search__form");
  var field = form && form.querySelector("input.md-search__input");
  if (!field) return;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    field.focus();  // Material opens the search again on focus, with the results for the query
  });
})();

// Code blocks: the build makes each one focusable, so it can be scrolled with the arrow keys
// (vidensbank.accessible). Material's script takes that off again on screens without hover
// (a tablet or phone may have a keyboard too); every block that scrolls keeps it.
(function () {
  var blocks = document.querySelectorAll("pre > code");
  if (!blocks.length || !window.MutationObserver) return;

  function keep(code) {
    if (!code.hasAttribute("tabindex") && code.scrollWidth > code.clientWidth) {
      code.setAttribute("tabindex", "0");
    }
  }

  var observer = new MutationObserver(function (changes) {
    changes.forEach(function (change) { keep(change.target); });
  });
  blocks.forEach(function (code) {
    observer.observe(code, {attributes: true, attributeFilter: ["tabindex"]});
    keep(code);
  });
  window.addEventListener("resize", function () { blocks.forEach(keep); });
})();

// Table boxes (vidensbank.accessible) take focus so a wide table can be scrolled by keyboard;
// one whose table fits the screen has nothing to scroll and is no stop for the Tab key.
(function () {
  var boxes = document.querySelectorAll(".vb-table");
  function fit() {
    boxes.forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }
  if (!boxes.length) return;
  fit();
  window.addEventListener("resize", fit);
})();
