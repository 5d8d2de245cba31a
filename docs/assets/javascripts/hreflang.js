// The <head> links to this page in the other languages (rel="alternate" hreflang="...") are
// absolute URLs of the equivalent pages, as search engines want them. When the document is
// ready, Material's bundle fetches "sitemap.xml" next to every rel="alternate" link (it expects
// links to language roots), which for these links means requests to missing files, or to
// another origin when the site is served elsewhere. This deferred script runs after the bundle
// has registered its listener and before "DOMContentLoaded": it hides the links from that
// lookup and puts them back right after it.
(function () {
  var links = [].slice.call(document.querySelectorAll('link[rel="alternate"][hreflang]'));
  links.forEach(function (link) { link.rel = "alternate-hreflang"; });
  document.addEventListener("DOMContentLoaded", function () {
    setTimeout(function () {
      links.forEach(function (link) { link.rel = "alternate"; });
    });
  }, { once: true });
})();
