// Filters on /kort/: a small first-party script over the JSON index generated at build time.
// Without it the page lists every card; with it, checked terms filter the list (OR within a
// filter, AND across filters) and the choices live in the URL so a filtered view can be shared.
(function () {
  var form = document.querySelector("form.vb-filters");
  var list = document.getElementById("vb-card-list");
  var status = document.getElementById("vb-count");
  if (!form || !list || !status) return;

  var url = new URL(form.getAttribute("data-index"), window.location.href).href;

  fetch(url).then(function (response) { return response.json(); }).then(function (index) {
    var cards = {};
    index.cards.forEach(function (card) { cards[card.id] = card; });
    var items = Array.prototype.slice.call(list.querySelectorAll("li[data-id]"));

    function selected() {
      var chosen = {};
      form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
        (chosen[box.name] = chosen[box.name] || []).push(box.value);
      });
      return chosen;
    }

    function matches(card, chosen) {
      return Object.keys(chosen).every(function (facet) {
        var values = facet === "type" ? [card.type] : (card[facet] || []);
        return chosen[facet].some(function (term) { return values.indexOf(term) >= 0; });
      });
    }

    function apply() {
      var chosen = selected();
      var shown = 0;
      items.forEach(function (item) {
        var visible = matches(cards[item.getAttribute("data-id")] || {}, chosen);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      var any = Object.keys(chosen).length > 0;
      status.textContent = any
        ? "Viser " + shown + " af " + items.length + " kort."
        : "Viser alle " + items.length + " kort.";
      var query = new URLSearchParams();
      index.facets.forEach(function (facet) {
        (chosen[facet] || []).forEach(function (term) { query.append(facet, term); });
      });
      var search = query.toString();
      history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    }

    // Restore a shared view from the URL.
    var params = new URLSearchParams(window.location.search);
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
      if (box.checked) box.closest("details").open = true;
    });
    form.addEventListener("change", apply);
    // "Vis kort" would reload the page with the choices; the list already shows them, so the
    // button takes the visitor to the count above the list instead.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply();
      status.setAttribute("tabindex", "-1");
      status.focus();
    });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }).catch(function () {
    // No index, no filters: give back the room kept for them, and drop their instructions.
    document.querySelectorAll(".vb-js-only").forEach(function (el) { el.remove(); });
  });
})();
