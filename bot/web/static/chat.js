/* Participants' web chat: language picker, messages, Rasa buttons, caseworkers' answers.
 *
 * Plain JavaScript, no framework. Every text from the bot or a caseworker is put in
 * with textContent (never innerHTML), so markup in a message shows as text.
 */
(function () {
  "use strict";

  var POLL_MS = 10000;            // how often caseworkers' answers are fetched
  var MAX_KEPT = 100;             // messages kept across a page reload (sessionStorage)
  var SENDER_KEY = "amo-sender";
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

  function newSenderId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return "web-" + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  var sender = load("localStorage", SENDER_KEY, null);
  if (typeof sender !== "string" || !/^[A-Za-z0-9_-]{8,64}$/.test(sender)) {
    sender = newSenderId();
    save("localStorage", SENDER_KEY, sender);
  }
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
          send(button.payload, button.title);
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
  }

  function setBusy(busy) {
    sendButton.disabled = busy;
    status.textContent = busy ? text("waiting") : "";
  }

  function showError() {
    addMessage({ kind: "error", text: text("server_down"), lang: language,
                 dir: isRtl(language) ? "rtl" : "ltr" });
  }

  function send(message, shownAs) {
    if (!message.trim()) { return; }
    addMessage({ kind: "user", text: shownAs || message, lang: language, dir: "auto" });
    setBusy(true);
    fetch("/chat/send", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message, language: language })
    }).then(function (response) {
      if (!response.ok) { throw new Error("HTTP " + response.status); }
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
    }).catch(showError).then(function () { setBusy(false); });
  }

  function poll() {
    fetch("/chat/answers?sender=" + encodeURIComponent(sender), { cache: "no-store" })
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
    var message = input.value;
    input.value = "";
    send(message);
    input.focus();
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
