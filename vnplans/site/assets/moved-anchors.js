/* vnplans: links shared before an agency's or a document's duties moved to one page per plan.
 *
 * An agency page once listed every duty, each with an id such as "phoi-hop-<plan-id>-muc-ii-2-4", and a
 * document page every citing clause ("dc-<plan-id>-muc-i-1"). Those now live on the page of that plan
 * (/co-quan/<id>/<plan-id>/, /van-ban/<id>/<plan-id>/), under the same ids. When a page is opened with
 * such a fragment and has no element with that id, follow the link whose data-moved-anchors lists a
 * prefix of the fragment, keeping the fragment. Nothing else happens, and nothing is fetched.
 */
(function () {
  "use strict";
  function follow() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id || document.getElementById(id)) return;
    var links = document.querySelectorAll("a[data-moved-anchors]");
    for (var i = 0; i < links.length; i++) {
      var prefixes = links[i].getAttribute("data-moved-anchors").split(" ");
      for (var j = 0; j < prefixes.length; j++) {
        if (prefixes[j] && id.indexOf(prefixes[j]) === 0) {
          window.location.replace(links[i].href.split("#")[0] + "#" + encodeURIComponent(id));
          return;
        }
      }
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
  else follow();
})();
