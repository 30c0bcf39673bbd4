// Runs before Material's bundle: start the search in our wrapper worker, which stems the words
// of each query the same way the index was stemmed (see search-worker.js for why).
(function () {
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  if (!config.search) return;
  var script = document.currentScript.src;
  var material = new URL(config.search, document.baseURI).href;
  var wrapper = new URL("workers/search-worker.js", script);
  wrapper.searchParams.set("material", material);
  config.search = wrapper.href;
  element.textContent = JSON.stringify(config);
})();
