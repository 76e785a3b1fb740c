/* Charts: a visible tooltip for the mark under the pointer or with the keyboard focus.
   The tooltip's text is the mark's aria-label (escaped when the page was built), only
   ever set as textContent. Material loads pages without reloading them, so the
   listeners sit on the document and work on every page. */
(function () {
  "use strict";
  var tip = null;

  function tooltip() {
    if (!tip || !document.body.contains(tip)) {
      tip = document.createElement("div");
      tip.className = "cq-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function markOf(target) {
    return target && target.closest ? target.closest(".cq-chart .cq-mark") : null;
  }

  function show(mark) {
    var box = mark.getBoundingClientRect();
    var t = tooltip();
    t.textContent = mark.getAttribute("aria-label") || "";
    t.hidden = false;
    var width = t.offsetWidth;
    var left = Math.max(4, Math.min(box.left + window.scrollX + box.width / 2 - width / 2,
                                    window.scrollX + document.documentElement.clientWidth - width - 4));
    t.style.left = left + "px";
    t.style.top = (box.bottom + window.scrollY + 6) + "px";
  }

  function hide() { if (tip) { tip.hidden = true; } }

  document.addEventListener("mouseover", function (event) { var m = markOf(event.target); if (m) { show(m); } });
  document.addEventListener("mouseout", function (event) {
    if (!markOf(event.target)) { return; }
    var focused = markOf(document.activeElement);  /* the pointer leaves: back to the focused mark, if any */
    if (focused) { show(focused); } else { hide(); }
  });
  document.addEventListener("focusin", function (event) { var m = markOf(event.target); if (m) { show(m); } else { hide(); } });
  document.addEventListener("focusout", hide);
})();
