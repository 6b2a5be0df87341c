/* newsgold view: layer toggles, tooltips and claim links. Reads only data attributes; writes text
   with textContent, never HTML. */
(function () {
  "use strict";
  var body = document.body;

  function reportError(message) {
    var box = document.getElementById("ng-js-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "ng-js-error";
      box.className = "js-error";
      body.appendChild(box);
    }
    box.textContent = "newsgold view: script error: " + message;
  }
  window.addEventListener("error", function (event) { reportError(String(event.message)); });

  var text = document.getElementById("text");
  if (!text) { return; }
  var tip = document.getElementById("tip");
  var all = Array.prototype.slice.call(text.querySelectorAll(".m"));
  var byId = {}, byClaim = {}, byEntity = {};
  function add(map, key, el) { if (key) { (map[key] = map[key] || []).push(el); } }
  all.forEach(function (el) {
    add(byId, el.getAttribute("data-id"), el);
    add(byClaim, el.getAttribute("data-claim"), el);
    if (el.getAttribute("data-layer") === "entities") { add(byEntity, el.getAttribute("data-entity"), el); }
  });
  var items = {};
  Array.prototype.forEach.call(document.querySelectorAll(".claim-item"), function (li) {
    items[li.getAttribute("data-claim")] = li;
  });

  /* Layer and status toggles: an unchecked box puts hide-<name> on the body. */
  var toggles = Array.prototype.slice.call(document.querySelectorAll("input[data-toggle]"));
  function sync() {
    toggles.forEach(function (box) {
      body.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
    });
    body.setAttribute("data-ready", "1");
  }
  toggles.forEach(function (box) {
    box.addEventListener("change", function () {
      sync();
      focusOn(null);  /* drop highlights of what was just hidden */
    });
  });
  sync();

  function shown(el) {
    if (body.classList.contains("hide-" + el.getAttribute("data-layer"))) { return false; }
    return !(el.getAttribute("data-status") === "spurious" && body.classList.contains("hide-spurious"));
  }

  /* Claim links: a claim's content, source and cue, and the dates and figures it refers to. */
  var lit = [], pinned = null;
  function clear() {
    lit.forEach(function (el) { el.classList.remove("sel", "lit", "coref"); });
    lit = [];
  }
  function light(list, name) {
    (list || []).forEach(function (el) { el.classList.add(name); lit.push(el); });
  }
  function selectClaim(id) {
    var parts = byClaim[id] || [];
    light(parts, "sel");
    parts.forEach(function (el) {
      var refs = el.getAttribute("data-refs");
      if (refs) { refs.split(" ").forEach(function (ref) { light(byId[ref], "lit"); }); }
    });
    if (items[id]) { light([items[id]], "sel"); }
  }
  function focusOn(target) {
    clear();
    if (pinned && body.classList.contains("hide-claims")) { pinned = null; body.setAttribute("data-pinned", ""); }
    var claim = target && target.closest("[data-claim]");
    var entity = target && target.closest("[data-entity]");
    if (pinned) { selectClaim(pinned); }
    else if (claim && text.contains(claim) && shown(claim)) { selectClaim(claim.getAttribute("data-claim")); }
    if (entity && text.contains(entity) && shown(entity)) { light(byEntity[entity.getAttribute("data-entity")], "coref"); }
  }
  function pin(id, scroll) {
    pinned = pinned === id ? null : id;
    body.setAttribute("data-pinned", pinned || "");
    focusOn(null);
    if (pinned && scroll) {
      var first = (byClaim[pinned] || [])[0];
      if (first) { first.scrollIntoView({ block: "center" }); }
    } else if (pinned && items[pinned]) {
      items[pinned].scrollIntoView({ block: "nearest" });
    }
  }
  text.addEventListener("mouseover", function (event) { focusOn(event.target); });
  text.addEventListener("mouseleave", function () { focusOn(null); hideTip(); });
  text.addEventListener("click", function (event) {
    var claim = event.target.closest("[data-claim]");
    if (claim && shown(claim)) { pin(claim.getAttribute("data-claim"), false); }
  });
  Object.keys(items).forEach(function (id) {
    var li = items[id];
    li.addEventListener("click", function () { pin(id, true); });
    li.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); pin(id, true); }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && pinned) { pin(pinned, false); }
  });

  /* Tooltips: every visible mark under the pointer, innermost first. */
  function hideTip() { tip.hidden = true; }
  text.addEventListener("mousemove", function (event) {
    var marks = [];
    for (var el = event.target; el && el !== text; el = el.parentElement) {
      if (el.classList.contains("m") && shown(el) && el.hasAttribute("data-tip")) { marks.push(el); }
    }
    if (!marks.length) { hideTip(); return; }
    tip.textContent = "";
    marks.forEach(function (el) {
      var lines = el.getAttribute("data-tip").split("\n");
      var item = document.createElement("div");
      item.className = "tip-item";
      var head = document.createElement("div");
      head.className = "tip-head";
      head.textContent = lines[0];
      var rest = document.createElement("div");
      rest.className = "tip-body";
      rest.textContent = lines.slice(1).join("\n");
      item.appendChild(head);
      if (lines.length > 1) { item.appendChild(rest); }
      tip.appendChild(item);
    });
    tip.hidden = false;
    var x = event.clientX + 14, y = event.clientY + 18;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > window.innerWidth - 8) { x = Math.max(8, window.innerWidth - w - 8); }
    if (y + h > window.innerHeight - 8) { y = Math.max(8, event.clientY - h - 12); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  });
})();
