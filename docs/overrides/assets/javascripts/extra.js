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
  var label = document.documentElement.lang.indexOf("zh") === 0 ? "注释 " : "Annotation ";
  function nameAnnotations() {
    var links = document.querySelectorAll(".md-annotation__index:not([aria-label])");
    for (var i = 0; i < links.length; i++) {
      var id = links[i].querySelector("[data-md-annotation-id]");
      links[i].setAttribute("aria-label", label + (id ? id.getAttribute("data-md-annotation-id") : ""));
    }
  }
  new MutationObserver(nameAnnotations).observe(document.body, { childList: true, subtree: true });
  nameAnnotations();

  // 4. A notebook's code cells scroll sideways but could not be reached with the keyboard:
  //    make each one focusable, as the theme does for its own code blocks.
  var cells = document.querySelectorAll(".jupyter-wrapper .highlight-ipynb, .jupyter-wrapper pre");
  for (var i = 0; i < cells.length; i++) cells[i].tabIndex = 0;

  // 5. A table wider than the column (the Verified on page, any table on a phone) scrolls
  //    inside the theme's wrapper: make the wrapper focusable so the keyboard can scroll it.
  function focusableScrollers() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])");
    for (var i = 0; i < wraps.length; i++) {
      if (wraps[i].scrollWidth > wraps[i].clientWidth) wraps[i].tabIndex = 0;
    }
  }
  new MutationObserver(focusableScrollers).observe(document.body, { childList: true, subtree: true });
  window.addEventListener("resize", focusableScrollers);
  focusableScrollers();
})();
