// Two small fixes on top of the theme (Material 9.8), loaded by every page of both languages.
(function () {
  "use strict";

  // 1. Search whenever the box's text changes.  The theme searches on key-up only, so text
  //    pasted with the mouse (or chosen from the browser's history) found nothing, and an
  //    input method's committed word searched only once a key came up.  An "input" event
  //    (paste, drop, IME commit) now sends the key-up the theme listens for; while an input
  //    method is still composing, nothing is searched until it commits (compositionend).
  function isSearchBox(el) {
    return el instanceof HTMLInputElement && el.classList.contains("md-search__input");
  }
  function search(box) {
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  document.addEventListener("input", function (event) {
    if (isSearchBox(event.target) && !event.isComposing) search(event.target);
  });
  document.addEventListener("compositionend", function (event) {
    if (isSearchBox(event.target)) search(event.target);
  });

  // 2. The copy button copies exactly the code: where the theme removed an annotation marker
  //    ("with Pool(2) as pool:  # (1)!"), the spaces before it stayed at the line's end.  The
  //    button copies through a hidden textarea; trailing blanks are cut from each line of it.
  var copying = false;
  document.addEventListener(
    "click",
    function (event) {
      var button = event.target instanceof Element && event.target.closest("[data-md-type=copy]");
      if (button) {
        copying = true;
        setTimeout(function () { copying = false; }, 0);
      }
    },
    true
  );
  document.addEventListener(
    "copy",
    function (event) {
      var area = event.target;
      if (!copying || !(area instanceof HTMLTextAreaElement) || !event.clipboardData) return;
      var text = area.value.slice(area.selectionStart, area.selectionEnd);
      event.clipboardData.setData("text/plain", text.replace(/[ \t]+$/gm, ""));
      event.preventDefault();
    },
    true
  );

  // 3. The theme's annotation markers ("+" next to a code line) are links with no text (the
  //    number is drawn by CSS), which screen readers announce as a bare link: name each one.
  //    The theme mounts a code block's annotations when the block first scrolls into view
  //    (content.lazy in mkdocs.yml), so new markers appear as the reader scrolls: name those
  //    found in the added nodes only.  No layout is read here.
  //    A block with annotations is not drawn while off screen (content-visibility, marked
  //    mp-annotated by docs/hooks/offscreen.py), which would clip its tooltips: once its
  //    markers are in, before one can be clicked, it is drawn for good (mp-mounted, extra.css).
  var label = document.documentElement.lang.indexOf("zh") === 0 ? "注释 " : "Annotation ";
  var unnamed = ".md-annotation__index:not([aria-label])";
  function nameAnnotations(root) {
    var links = Array.prototype.slice.call(root.querySelectorAll(unnamed));
    if (root.matches && root.matches(unnamed)) links.push(root);
    for (var i = 0; i < links.length; i++) {
      var id = links[i].querySelector("[data-md-annotation-id]");
      links[i].setAttribute("aria-label", label + (id ? id.getAttribute("data-md-annotation-id") : ""));
      var block = links[i].closest(".mp-annotated");
      if (block) block.classList.add("mp-mounted");
    }
  }
  nameAnnotations(document);

  // 4. Whatever scrolls sideways can be reached with the keyboard (focusable), so the arrow
  //    keys can scroll it: a table wider than the column (the theme's wrapper), a notebook's
  //    code cell, and a code block the theme has not mounted yet (it makes a block focusable
  //    only once the block scrolls into view, and only on devices with a pointer that hovers;
  //    the same rule is kept here).  Widths are read in a ResizeObserver callback, which runs
  //    after layout: no forced layout, however many blocks a page has.  It runs again when
  //    an element's size changes (window resized, content tab switched).
  //    Code blocks and tables off screen are not drawn (content-visibility, marked by
  //    docs/hooks/offscreen.py and the Verified on page): what is inside one has no layout
  //    yet, so it starts focusable and is measured once drawn (an element without a size is
  //    not measured: reading its width would lay out the whole block).
  var hover = window.matchMedia("(hover)").matches;
  var resized = new ResizeObserver(function (entries) {
    var scrollable = [];
    for (var i = 0; i < entries.length; i++) {
      var el = entries[i].target;
      var drawn = entries[i].contentRect.width > 0 || entries[i].contentRect.height > 0;
      scrollable.push(drawn ? el.scrollWidth > el.clientWidth : null);
    }
    for (var j = 0; j < entries.length; j++) {
      var target = entries[j].target;
      if ((target.tagName === "CODE" && !hover) || scrollable[j] === null) continue;
      if (scrollable[j]) target.tabIndex = 0;
      else target.removeAttribute("tabindex");
    }
  });
  var offscreen = ".mp-offscreen, .mp-matrix";
  function watch(el) {
    if (el.closest(offscreen) && !(el.tagName === "CODE" && !hover)) el.tabIndex = 0;
    resized.observe(el);
  }
  var cells = document.querySelectorAll(".jupyter-wrapper .highlight-ipynb, .jupyter-wrapper pre");
  for (var i = 0; i < cells.length; i++) cells[i].tabIndex = 0;  // notebook code: always
  var blocks = document.querySelectorAll(".md-typeset pre > code");
  for (var k = 0; k < blocks.length; k++) {
    if (!blocks[k].closest(".jupyter-wrapper")) watch(blocks[k]);
  }
  function observeTables(root) {
    var wraps = root.querySelectorAll(".md-typeset__scrollwrap");
    for (var i = 0; i < wraps.length; i++) watch(wraps[i]);
  }
  observeTables(document);  // and those the theme wraps later (below)
  // One observer of the added nodes for 3 and 4 (it reads no layout).
  new MutationObserver(function (records) {
    for (var r = 0; r < records.length; r++) {
      var added = records[r].addedNodes;
      for (var n = 0; n < added.length; n++) {
        var node = added[n];
        if (node.nodeType !== 1) continue;
        if (node.classList.contains("md-typeset__scrollwrap")) watch(node);
        nameAnnotations(node);
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();
