/* Dashboard helpers: a picked prepared answer fills the answer box (in the participant's
 * language, ready to edit), and a draft answer survives a reload or an expired login. */
(function () {
  "use strict";

  var canned = document.getElementById("canned");
  var answer = document.getElementById("answer");
  if (!answer) { return; }
  var key = "amo-draft-" + answer.getAttribute("data-draft");

  function keep() {
    try { sessionStorage.setItem(key, answer.value); } catch (e) { /* not kept */ }
  }

  if (canned) {
    canned.addEventListener("change", function () {
      var option = canned.options[canned.selectedIndex];
      var text = option.getAttribute("data-text");
      if (text) { answer.value = text; keep(); }
    });
  }

  var saved = document.querySelector("[data-saved]");
  try {
    if (saved && saved.getAttribute("data-saved")) {
      sessionStorage.removeItem(key);   // the server has the answer now
    } else if (!answer.value && sessionStorage.getItem(key)) {
      answer.value = sessionStorage.getItem(key);
    }
  } catch (e) { /* storage switched off */ }
  answer.addEventListener("input", keep);
}());
