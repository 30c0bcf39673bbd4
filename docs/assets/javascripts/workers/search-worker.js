// Search worker: Material's own worker, with Danish stemming applied to the query too. It lives
// beside Material's worker because that one loads the lunr language files from "../lunr".
//
// Material appends "*" to every query word so results appear while typing, and lunr skips the
// stemmer for wildcard words. The index is stemmed ("ensomme" is stored as "ensom") but the query
// is not, so "ensomhed*" never matched. We stem each plain word the way the index was stemmed
// before Material sees it: "ensomhed" becomes "ensom", and Material's "ensom*" finds both.
var SETUP = 0;
var QUERY = 2;
var config = null;

// The stemmers of the index's languages, in the order lunr.multiLanguage runs them.
function stemmers() {
  if (config.pipeline.indexOf("stemmer") < 0) return [];
  return config.lang.map(function (lang) {
    return lang === "en" ? lunr.stemmer : lunr[lang].stemmer;
  });
}

function stem(word) {
  var token = new lunr.Token(word.toLowerCase(), {});
  stemmers().forEach(function (fn) { token = fn(token, 0, [token]); });
  var stemmed = token.toString();
  return stemmed || word;
}

// Only plain words outside quotes are stemmed; phrases and lunr operators stay as typed.
function stemQuery(query) {
  return query.split(/("[^"]*")/).map(function (part, index) {
    if (index % 2) return part;
    return part.replace(/(^|\s)([\p{L}\p{N}]+)(?=\s|$)/gu, function (_, space, word) {
      return space + stem(word);
    });
  }).join("");
}

// Registered before Material's listener, so it sees (and rewrites) each message first.
self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    config = message.data.config;
  } else if (message.type === QUERY && typeof message.data === "string" && config) {
    try {
      message.data = stemQuery(message.data);
    } catch (error) {
      console.warn("Søgningen kunne ikke finde ordstammer:", error);
    }
  }
});

importScripts(new URL(self.location.href).searchParams.get("material"));
