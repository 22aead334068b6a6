/* Participants' web chat: language picker, messages, Rasa buttons, caseworkers' answers,
 * "Start over".
 *
 * Plain JavaScript, no framework. Every text from the bot or a caseworker is put in
 * with textContent (never innerHTML), so markup in a message shows as text. The page
 * never knows which conversation it is in: the server keeps that in an HttpOnly cookie.
 */
(function () {
  "use strict";

  var POLL_MS = 10000;            // how often caseworkers' answers are fetched
  var MAX_KEPT = 100;             // messages kept across a page reload (sessionStorage)
  var OLD_SENDER_KEY = "amo-sender";   // where earlier versions kept a conversation id
  var LANGUAGE_KEY = "amo-language";
  var SHOWN_KEY = "amo-shown-answers";
  var LOG_KEY = "amo-log";

  var TEXTS = JSON.parse(document.getElementById("texts").textContent);
  var RTL = JSON.parse(document.getElementById("rtl-languages").textContent);
  var html = document.documentElement;
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var sendButton = document.getElementById("send");
  var picker = document.getElementById("language");
  var status = document.getElementById("status");
  var restartButton = document.getElementById("restart");
  var MAX_CHARS = parseInt(input.getAttribute("data-max-chars"), 10) || 4000;

  // Storage can be switched off (private mode); the chat then works for this page only.
  function load(store, key, fallback) {
    try {
      var raw = window[store].getItem(key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) { return fallback; }
  }
  function save(store, key, value) {
    try { window[store].setItem(key, JSON.stringify(value)); } catch (e) { /* not kept */ }
  }

  function forget(store, key) {
    try { window[store].removeItem(key); } catch (e) { /* nothing kept */ }
  }

  forget("localStorage", OLD_SENDER_KEY);
  var shown = load("localStorage", SHOWN_KEY, []);
  var history = load("sessionStorage", LOG_KEY, []);
  var stored = load("localStorage", LANGUAGE_KEY, null);
  var language = TEXTS[stored] ? stored : html.lang;

  function text(key) { return (TEXTS[language] || TEXTS.nb)[key]; }
  function isRtl(code) { return RTL.indexOf(code) >= 0; }

  function applyLanguage(code) {
    if (!TEXTS[code]) { return; }
    language = code;
    save("localStorage", LANGUAGE_KEY, code);
    html.lang = code;
    html.dir = isRtl(code) ? "rtl" : "ltr";
    document.title = text("title");
    Array.prototype.forEach.call(document.querySelectorAll("[data-text]"), function (el) {
      el.textContent = text(el.getAttribute("data-text"));
    });
    input.placeholder = text("placeholder");
    log.setAttribute("aria-label", text("conversation"));
    picker.value = code;
  }

  // Web addresses in a reply become links; everything else stays plain text.
  var URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/g;
  function appendText(parent, value) {
    var last = 0;
    value.replace(URL_PATTERN, function (url, offset) {
      parent.appendChild(document.createTextNode(value.slice(last, offset)));
      var link = document.createElement("a");
      link.href = url;
      link.textContent = url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      parent.appendChild(link);
      last = offset + url.length;
      return url;
    });
    parent.appendChild(document.createTextNode(value.slice(last)));
  }

  var WHO = { user: "you_said", bot: "bot_said", caseworker: "bot_said", error: "bot_said" };

  function addMessage(entry, buttons) {
    var item = document.createElement("div");
    item.className = "msg msg-" + entry.kind;
    if (entry.lang) { item.lang = entry.lang; }
    item.dir = entry.dir || "auto";
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.lang = language;
    who.textContent = text(WHO[entry.kind]) + " ";
    item.appendChild(who);
    if (entry.heading) {
      var heading = document.createElement("strong");
      heading.className = "heading";
      heading.textContent = entry.heading;
      item.appendChild(heading);
    }
    var body = document.createElement("div");
    body.className = "text";
    appendText(body, entry.text);
    item.appendChild(body);
    // As on Telegram, only the newest reply's buttons answer: a reply makes earlier ones inactive.
    if (entry.kind === "bot" || entry.kind === "caseworker") { retireButtons(); }
    if (buttons && buttons.length) {
      var group = document.createElement("div");
      group.className = "buttons";
      buttons.forEach(function (button) {
        var el = document.createElement("button");
        el.type = "button";
        el.textContent = button.title;
        // A language button names the language in its own script: say so to screen readers.
        var named = /"language"\s*:\s*"([a-z]{2})"/.exec(button.payload);
        if (named) { el.lang = named[1]; }
        el.addEventListener("click", function () {
          // A pressed button's row is spent (given back if the message cannot be sent).
          setRowEnabled(group, false);
          if (!send(button.payload, button.title, group)) { setRowEnabled(group, true); }
          input.focus();
        });
        group.appendChild(el);
      });
      item.appendChild(group);
    }
    log.appendChild(item);
    item.scrollIntoView({ block: "end" });
    history.push(entry);
    save("sessionStorage", LOG_KEY, history.slice(-MAX_KEPT));
    return item;
  }

  function setRowEnabled(group, enabled) {
    group.classList.toggle("spent", !enabled);
    group.querySelectorAll("button").forEach(function (el) { el.disabled = !enabled; });
  }

  // Makes the buttons of every message on the page inactive.
  function retireButtons() {
    log.querySelectorAll(".buttons").forEach(function (group) { setRowEnabled(group, false); });
  }

  // Takes back a message the server did not accept, from the page and from the kept log.
  function unsay(item, entry) {
    item.remove();
    var index = history.lastIndexOf(entry);
    if (index >= 0) { history.splice(index, 1); }
    save("sessionStorage", LOG_KEY, history.slice(-MAX_KEPT));
  }

  function setBusy(busy) {
    sendButton.disabled = busy;
    status.textContent = busy ? text("waiting") : "";
  }

  function showError(message) {
    addMessage({ kind: "error", text: message || text("server_down"), lang: language,
                 dir: isRtl(language) ? "rtl" : "ltr" });
  }

  // A refusal from our server carries a text for the participant (in their language);
  // a network failure has none, and gets the translated "not available".
  function refused(response) {
    var error = new Error("HTTP " + response.status);
    return response.json().then(function (data) {
      error.participantText = data.message;
      throw error;
    }, function () { throw error; });
  }

  // Sends a message; returns false (and says why) when it cannot be sent as it is.
  // A typed message that the server refuses goes back into the text box: nothing is lost.
  function send(message, shownAs, row) {
    if (!message.trim()) {
      status.textContent = text("empty");
      return false;
    }
    var length = Array.from(message).length;  // characters, as the server counts them
    if (length > MAX_CHARS) {
      showError(text("too_long").replace("%(count)s", String(length)));
      return false;
    }
    var entry = { kind: "user", text: shownAs || message, lang: language, dir: "auto" };
    var item = addMessage(entry);
    setBusy(true);
    fetch("/chat/send", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ message: message, language: language })
    }).then(function (response) {
      if (!response.ok) { return refused(response); }
      return response.json();
    }).then(function (data) {
      // The bot may have switched language (a language button, or a sentence in
      // another language): the page follows, so labels match the replies.
      if (data.language && data.language !== language) { applyLanguage(data.language); }
      data.replies.forEach(function (reply) {
        if (!reply.text && !(reply.buttons || []).length) { return; }
        addMessage({ kind: "bot", text: reply.text, lang: reply.language, dir: reply.direction },
                   reply.buttons);
      });
    }).catch(function (error) {
      unsay(item, entry);
      if (!shownAs && !input.value) { input.value = message; }
      setBusy(false);
      showError(error.participantText);
      if (row) { setRowEnabled(row, true); }  // the press did not count: it can be pressed again
    }).then(function () { setBusy(false); });
    return true;
  }

  function poll() {
    fetch("/chat/answers", { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { answers: [] }; })
      .then(function (data) {
        data.answers.forEach(function (answer) {
          var key = answer.reference + "@" + answer.answered_at;
          if (shown.indexOf(key) >= 0) { return; }
          shown.push(key);
          save("localStorage", SHOWN_KEY, shown.slice(-200));
          addMessage({ kind: "caseworker", heading: answer.heading, text: answer.answer,
                       lang: answer.language, dir: answer.direction });
        });
      })
      .catch(function () { /* the next poll tries again */ });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (send(input.value)) { input.value = ""; }
    input.focus();
  });
  input.addEventListener("input", function () {
    if (status.textContent === text("empty")) { status.textContent = ""; }
  });
  // "Start over": a new conversation from the server, and nothing of the old one left
  // in this browser, so the next person on a shared PC cannot read it.
  restartButton.addEventListener("click", function () {
    if (!window.confirm(text("start_over_confirm"))) { return; }
    fetch("/chat/restart", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}"
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
      forget("sessionStorage", LOG_KEY);
      [SHOWN_KEY, LANGUAGE_KEY, OLD_SENDER_KEY].forEach(function (key) { forget("localStorage", key); });
      window.location.replace("/");
    }).catch(function () { showError(); });
  });
  // Enter sends; Shift+Enter starts a new line.
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit"));
    }
  });
  picker.addEventListener("change", function () {
    var started = history.length > 0;
    applyLanguage(picker.value);
    // Mid-conversation, the choice is also the bot's: an explicit choice always wins.
    if (started) {
      send('/choose_language{"language":"' + language + '"}',
           picker.options[picker.selectedIndex].textContent);
    }
  });

  var kept = history;
  history = [];
  kept.forEach(function (entry) { addMessage(entry); });
  applyLanguage(language);
  poll();
  window.setInterval(poll, POLL_MS);
}());
