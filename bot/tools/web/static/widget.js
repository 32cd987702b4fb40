/*
 * Chat widget of the VAE inversée assistant.
 *
 * Embedding: one script tag, configured by data-* attributes (CSP-friendly) or by an optional global
 * object `window.vaeChatConfig` set before the tag; data-* attributes win.
 *
 *   <script src="https://bot.example.fr/widget.js" defer
 *           data-bot-url="https://bot.example.fr" data-title="Assistant VAE inversée"
 *           data-primary-color="#1d4f91" data-opening-message="Bonjour !"></script>
 *
 * It talks to the Rasa REST channel (POST {botUrl}/webhooks/rest/webhook). The conversation (a random
 * sender id and the messages) is kept in localStorage so it survives a reload and a new tab.
 * Safety: bot and visitor text only ever reach the page through textContent and DOM nodes built here;
 * links are http(s) only. No string is ever parsed as HTML (the demo page enforces it with Trusted Types).
 */
(function () {
  "use strict";

  if (window.VaeChat) return; // loaded twice: keep the first one

  var script = document.currentScript;
  var STORAGE_VERSION = 1;
  var MAX_STORED_MESSAGES = 200;
  var MAX_MESSAGE_CHARS = 1000;
  var RETRY_DELAYS_S = [2, 4, 8, 15, 30];
  var SLOW_ANSWER_MS = 8000;
  var ANSWER_TIMEOUT_MS = 120000;
  var DEFAULT_PRIMARY = "#1d4f91";
  var BOT_BUBBLE = "#f1f3f6";
  var FULL_SCREEN_QUERY = "(max-width: 35rem), (max-height: 35rem)"; // same as widget.css

  var DEFAULTS = {
    botUrl: "http://localhost:5005",
    title: "Assistant VAE inversée",
    launcherLabel: "Une question sur la VAE inversée ?",
    openingMessage:
      "Bonjour\u202f! Je réponds à vos questions sur la VAE inversée\u202f: ce que c'est, qui peut en bénéficier, " +
      "comment c'est financé. Je peux aussi vérifier si vous êtes éligible.",
    openingButtons: [
      { title: "C'est quoi\u202f?", payload: "C'est quoi la VAE inversée ?" },
      { title: "Suis-je éligible\u202f?", payload: "Suis-je éligible ?" },
      { title: "Le financement", payload: "Comment est financée la VAE inversée ?" },
      { title: "Je suis employeur", payload: "Je suis employeur" }
    ],
    primaryColor: DEFAULT_PRIMARY,
    retentionDays: 90,
    storageKey: "vae-chat",
    cssUrl: script && script.src ? new URL("widget.css", script.src).href : "widget.css"
  };

  // ------------------------------------------------------------------ configuration

  function readConfig() {
    var config = Object.assign({}, DEFAULTS);
    // The host page's own default opening message (the demo page's names the experimentation's dates): below the
    // configuration object and the data-opening-message attribute, above the built-in one.
    if (script && script.dataset.defaultOpeningMessage) config.openingMessage = script.dataset.defaultOpeningMessage;
    var global = window.vaeChatConfig;
    if (global && typeof global === "object") {
      Object.keys(DEFAULTS).forEach(function (key) {
        if (global[key] !== undefined && global[key] !== null) config[key] = global[key];
      });
    }
    if (script) {
      var data = script.dataset;
      var attributes = {
        botUrl: data.botUrl, title: data.title, launcherLabel: data.launcherLabel,
        openingMessage: data.openingMessage, primaryColor: data.primaryColor,
        retentionDays: data.retentionDays, storageKey: data.storageKey, cssUrl: data.cssUrl
      };
      Object.keys(attributes).forEach(function (key) {
        if (attributes[key]) config[key] = attributes[key];
      });
    }
    config.botUrl = String(config.botUrl).replace(/\/+$/, "");
    config.retentionDays = parseInt(config.retentionDays, 10) || DEFAULTS.retentionDays;
    if (!Array.isArray(config.openingButtons)) config.openingButtons = [];
    return config;
  }

  // WCAG relative luminance and contrast ratio, to keep any configured colour readable.
  function luminance(hex) {
    var m = /^#?([0-9a-f]{6})$/i.exec(String(hex).trim());
    if (!m) return null;
    var value = parseInt(m[1], 16);
    var channels = [(value >> 16) & 255, (value >> 8) & 255, value & 255].map(function (c) {
      c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  }

  function contrast(a, b) {
    var la = luminance(a), lb = luminance(b);
    if (la === null || lb === null) return 0;
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  /** The colours actually used: the configured primary if some text colour reaches 4.5:1 on it. */
  function palette(primary) {
    if (luminance(primary) === null) {
      if (primary !== DEFAULT_PRIMARY) console.warn("VaeChat: couleur invalide, couleur par défaut utilisée :", primary);
      primary = DEFAULT_PRIMARY;
    }
    var onPrimary = contrast(primary, "#ffffff") >= contrast(primary, "#1a1a1a") ? "#ffffff" : "#1a1a1a";
    if (contrast(primary, onPrimary) < 4.5) {
      console.warn("VaeChat: contraste insuffisant avec", primary, "; couleur par défaut utilisée.");
      return palette(DEFAULT_PRIMARY);
    }
    // Links and outlined buttons use the primary on light backgrounds when it is dark enough.
    var ink = contrast(primary, BOT_BUBBLE) >= 4.5 ? primary : "#1a1a1a";
    return { primary: primary, onPrimary: onPrimary, ink: ink };
  }

  // ------------------------------------------------------------------ storage

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function freshState() {
    return { v: STORAGE_VERSION, sender: randomId(), messages: [], draft: "" };
  }

  function storageAvailable() {
    try {
      var probe = "__vae_chat_probe__";
      window.localStorage.setItem(probe, probe);
      window.localStorage.removeItem(probe);
      return true;
    } catch (e) {
      return false;
    }
  }

  function Store(key) {
    this.key = key;
    this.enabled = storageAvailable();
  }

  Store.prototype.load = function () {
    if (!this.enabled) return null;
    try {
      var state = JSON.parse(window.localStorage.getItem(this.key));
      if (!state || state.v !== STORAGE_VERSION || typeof state.sender !== "string" || !Array.isArray(state.messages)) {
        return null;
      }
      return state;
    } catch (e) {
      return null;
    }
  };

  Store.prototype.save = function (state) {
    if (!this.enabled) return;
    var kept = Object.assign({}, state, { messages: state.messages.slice(-MAX_STORED_MESSAGES) });
    try {
      window.localStorage.setItem(this.key, JSON.stringify(kept));
    } catch (e) {
      // Quota or privacy mode: the conversation still works, it just will not survive a reload.
    }
  };

  Store.prototype.clear = function () {
    if (!this.enabled) return;
    try {
      window.localStorage.removeItem(this.key);
    } catch (e) { /* nothing to clear */ }
  };

  // ------------------------------------------------------------------ DOM helpers (no HTML parsing)

  var SVG_NS = "http://www.w3.org/2000/svg";

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /** A decorative icon from a list of SVG path data; hidden from assistive technologies. */
  function icon(paths, size) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", size || 20);
    svg.setAttribute("height", size || 20);
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "vae-chat__icon");
    paths.forEach(function (d) {
      var path = document.createElementNS(SVG_NS, "path");
      path.setAttribute("d", d);
      svg.appendChild(path);
    });
    return svg;
  }

  var ICONS = {
    chat: ["M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"],
    close: ["M6 6l12 12M18 6L6 18"],
    send: ["M3 20l18-8L3 4v6l12 2-12 2z"],
    restart: ["M4 12a8 8 0 1 0 2.3-5.7M4 4v5h5"],
    up: ["M7 11v10H4a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1h3z",
      "M7 11l4-8a2.5 2.5 0 0 1 3 2.5V9h5.2a2 2 0 0 1 2 2.3l-1.3 8a2 2 0 0 1-2 1.7H7"],
    down: ["M17 13V3h3a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1h-3z",
      "M17 13l-4 8a2.5 2.5 0 0 1-3-2.5V15H4.8a2 2 0 0 1-2-2.3l1.3-8a2 2 0 0 1 2-1.7H17"]
  };

  function srOnly(text) {
    return el("span", { className: "vae-chat__sr-only", text: text });
  }

  // ------------------------------------------------------------------ safe formatting

  var INLINE = /\*\*(.+?)\*\*|\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>"]+)/g;
  var TRAILING_PUNCTUATION = /[.,;:!?)»"']+$/;

  function safeUrl(raw) {
    try {
      var url = new URL(raw);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(label, href) {
    return el("a", { href: href, target: "_blank", rel: "noopener noreferrer" }, [
      label, srOnly(" (nouvelle fenêtre)")
    ]);
  }

  /** Append text with **bold**, [label](https://…) and bare http(s) links, as DOM nodes only. */
  function appendInline(parent, text, allowBold) {
    var last = 0, match;
    var pattern = new RegExp(INLINE.source, "g"); // own instance: appendInline recurses
    while ((match = pattern.exec(text)) !== null) {
      var end = pattern.lastIndex;
      var before = text.slice(last, match.index);
      if (match[1] !== undefined && allowBold) {
        if (before) parent.appendChild(document.createTextNode(before));
        var strong = el("strong");
        appendInline(strong, match[1], false);
        parent.appendChild(strong);
      } else if (match[2] !== undefined) {
        var href = safeUrl(match[3]);
        if (before) parent.appendChild(document.createTextNode(before));
        parent.appendChild(href ? link(match[2], href) : document.createTextNode(match[2]));
      } else if (match[4] !== undefined) {
        var raw = match[4];
        var tail = (TRAILING_PUNCTUATION.exec(raw) || [""])[0];
        raw = raw.slice(0, raw.length - tail.length);
        var url = safeUrl(raw);
        if (before) parent.appendChild(document.createTextNode(before));
        parent.appendChild(url ? link(raw, url) : document.createTextNode(raw));
        if (tail) parent.appendChild(document.createTextNode(tail));
      } else {
        continue; // "**" inside bold text: left as is
      }
      last = end;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** Bot text → one paragraph per line (the answers put one idea per line), "- " lists; "Source : …" set apart
      (its colon comes after a narrow no-break space, which \s matches). */
  function formatted(text) {
    var fragment = document.createDocumentFragment();
    var list = null;
    String(text).split(/\r?\n/).forEach(function (line) {
      var item = /^\s*[-•]\s+(.*)$/.exec(line);
      if (item) {
        if (!list) fragment.appendChild(list = el("ul"));
        var li = el("li");
        appendInline(li, item[1], true);
        list.appendChild(li);
        return;
      }
      list = null;
      if (!line.trim()) return;
      var paragraph = el("p", { className: /^\s*Sources?\s:/.test(line) ? "vae-chat__source" : null });
      appendInline(paragraph, line, true);
      fragment.appendChild(paragraph);
    });
    return fragment;
  }

  // ------------------------------------------------------------------ the widget

  function Widget(config) {
    this.config = config;
    this.colors = palette(config.primaryColor);
    this.store = new Store(config.storageKey);
    this.state = this.store.load() || freshState();
    this.busy = false;
    this.retryTimer = null;
    this.countdownTimer = null;
    this.slowTimer = null;
    this.attempt = 0;
    this.restorePending();
  }

  /** A message left "sending" by a closed page goes back into the text box: never lost, never sent twice. */
  Widget.prototype.restorePending = function () {
    var pending = this.state.messages.filter(function (m) { return m.from === "user" && m.status; });
    if (!pending.length) return;
    var texts = pending.map(function (m) { return m.payload || m.text; });
    if (!this.state.draft) this.state.draft = texts.join("\n");
    this.state.messages = this.state.messages.filter(function (m) { return !(m.from === "user" && m.status); });
  };

  Widget.prototype.save = function () {
    this.store.save(this.state);
  };

  Widget.prototype.mount = function () {
    var self = this;
    if (this.config.cssUrl && !document.querySelector("link[data-vae-chat]")) {
      document.head.appendChild(el("link", { rel: "stylesheet", href: this.config.cssUrl, "data-vae-chat": "" }));
    }
    var ids = {
      panel: "vae-chat-panel", title: "vae-chat-title", input: "vae-chat-input",
      privacy: "vae-chat-privacy", hint: "vae-chat-hint"
    };

    this.launcher = el("button", {
      type: "button", className: "vae-chat__launcher", "aria-expanded": "false", "aria-controls": ids.panel
    }, [
      icon(ICONS.chat, 24),
      el("span", { className: "vae-chat__launcher-label", text: this.config.launcherLabel }),
      // narrow screens show a short label; the accessible name stays the full one
      el("span", { className: "vae-chat__launcher-short", "aria-hidden": "true", text: "Une question ?" })
    ]);

    this.closeButton = el("button", {
      type: "button", className: "vae-chat__close", "aria-label": "Fermer la discussion", title: "Fermer"
    }, [icon(ICONS.close, 22)]);
    var header = el("div", { className: "vae-chat__header" }, [
      el("h2", { id: ids.title, className: "vae-chat__title", text: this.config.title }),
      this.closeButton
    ]);

    this.alertBox = el("div", { className: "vae-chat__alert", role: "alert" });
    this.alertBox.hidden = true;

    this.log = el("div", {
      className: "vae-chat__messages", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": "Messages de la conversation"
    });
    this.typing = el("div", { className: "vae-chat__typing" }, [
      el("span", { className: "vae-chat__dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")]),
      el("span", { className: "vae-chat__typing-text", text: "L'assistant écrit…" })
    ]);
    this.typing.hidden = true;
    this.scroller = el("div", {
      className: "vae-chat__scroller", tabindex: "0", role: "region", "aria-label": "Conversation"
    }, [this.log, this.typing]);

    this.status = el("div", { className: "vae-chat__sr-only", role: "status" });

    this.input = el("textarea", {
      id: ids.input, className: "vae-chat__input", rows: "1", maxlength: String(MAX_MESSAGE_CHARS),
      placeholder: "Écrivez votre question…", autocomplete: "off", "aria-describedby": ids.hint
    });
    this.sendButton = el("button", { type: "submit", className: "vae-chat__send" }, [
      icon(ICONS.send, 18), el("span", { text: "Envoyer" })
    ]);
    this.form = el("form", { className: "vae-chat__composer", novalidate: true }, [
      el("label", { className: "vae-chat__sr-only", for: ids.input, text: "Votre message" }),
      this.input,
      this.sendButton,
      el("p", {
        id: ids.hint, className: "vae-chat__sr-only",
        text: "Entrée pour envoyer, Maj + Entrée pour aller à la ligne, Échap pour fermer."
      })
    ]);

    this.privacy = this.buildPrivacy(ids.privacy);
    this.privacyToggle = el("button", {
      type: "button", className: "vae-chat__link-button", "aria-expanded": "false", "aria-controls": ids.privacy,
      text: "Vos données"
    });
    this.restartButton = el("button", { type: "button", className: "vae-chat__link-button" }, [
      icon(ICONS.restart, 16), el("span", { text: "Nouvelle conversation" })
    ]);
    var footer = el("div", { className: "vae-chat__footer" }, [
      el("p", {
        className: "vae-chat__notice",
        text: "Assistant automatique. Vos échanges sont conservés " + this.config.retentionDays + " jours."
      }),
      el("div", { className: "vae-chat__tools" }, [this.restartButton, this.privacyToggle]),
      this.privacy
    ]);

    this.panel = el("section", {
      id: ids.panel, className: "vae-chat__panel", role: "dialog", "aria-modal": "false", "aria-labelledby": ids.title
    }, [header, this.alertBox, this.scroller, this.form, footer, this.status]);
    this.panel.hidden = true;

    this.root = el("aside", { className: "vae-chat", lang: "fr", "aria-label": this.config.title }, [this.panel, this.launcher]);
    this.root.style.setProperty("--vae-primary", this.colors.primary);
    this.root.style.setProperty("--vae-on-primary", this.colors.onPrimary);
    this.root.style.setProperty("--vae-ink", this.colors.ink);
    document.body.appendChild(this.root);

    this.launcher.addEventListener("click", function () { self.toggle(); });
    this.closeButton.addEventListener("click", function () { self.close(); });
    this.restartButton.addEventListener("click", function () { self.restart(); });
    this.privacyToggle.addEventListener("click", function () { self.togglePrivacy(); });
    this.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape" || event.key === "Esc") {
        event.preventDefault();
        self.close();
      } else if (event.key === "Tab" && self.isFullScreen()) {
        self.keepFocusInside(event);
      }
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        self.submit();
      }
    });
    this.input.addEventListener("input", function () {
      self.state.draft = self.input.value;
      self.save();
      self.autoGrow();
    });
    window.addEventListener("storage", function (event) {
      if (event.key === self.config.storageKey) self.syncFromOtherTab();
    });
    window.addEventListener("online", function () {
      if (self.retryTimer) self.retryNow();
    });
    document.addEventListener("click", function (event) {
      var opener = event.target && event.target.closest ? event.target.closest("[data-vae-chat-open]") : null;
      if (opener) {
        event.preventDefault();
        self.open();
      }
    });

    this.input.value = this.state.draft || "";
    this.renderAll();
    this.updateComposer();
  };

  Widget.prototype.buildPrivacy = function (id) {
    var self = this;
    var days = this.config.retentionDays;
    this.deleteButton = el("button", { type: "button", className: "vae-chat__danger", text: "Supprimer mes données" });
    this.confirmBox = el("div", { className: "vae-chat__confirm" }, [
      el("p", { text: "Supprimer toute cette conversation, sur nos serveurs et dans ce navigateur ?" }),
      el("div", { className: "vae-chat__confirm-actions" }, [
        this.confirmDeleteButton = el("button", {
          type: "button", className: "vae-chat__danger", text: "Oui, tout supprimer"
        }),
        this.cancelDeleteButton = el("button", { type: "button", className: "vae-chat__secondary", text: "Annuler" })
      ])
    ]);
    this.confirmBox.hidden = true;
    var section = el("div", { id: id, className: "vae-chat__privacy" }, [
      el("h3", { text: "Vos données" }),
      el("ul", {}, [
        el("li", { text: "Nous gardons vos messages, les réponses de l'assistant et vos avis sur ces réponses, " +
          "pour vous répondre et pour améliorer l'assistant." }),
        el("li", { text: "Ils sont liés à un identifiant tiré au hasard par votre navigateur, pas à votre nom." }),
        el("li", { text: "Ils sont effacés de nos serveurs " + days + " jours après votre dernier message. " +
          "Ce navigateur garde aussi l'historique, jusqu'à ce que vous le supprimiez." }),
        el("li", { text: "Ne donnez pas d'informations personnelles (nom, adresse, numéro de sécurité sociale)." })
      ]),
      this.deleteButton,
      this.confirmBox
    ]);
    section.hidden = true;
    this.deleteButton.addEventListener("click", function () {
      self.confirmBox.hidden = false;
      self.deleteButton.hidden = true;
      self.cancelDeleteButton.focus();
    });
    this.cancelDeleteButton.addEventListener("click", function () {
      self.confirmBox.hidden = true;
      self.deleteButton.hidden = false;
      self.deleteButton.focus();
    });
    this.confirmDeleteButton.addEventListener("click", function () { self.eraseData(); });
    return section;
  };

  // ------------------------------------------------------------------ open / close

  Widget.prototype.isOpen = function () {
    return !this.panel.hidden;
  };

  /** On small screens and at high zoom the panel covers the page: it then behaves as a modal dialog. */
  Widget.prototype.isFullScreen = function () {
    return Boolean(window.matchMedia && window.matchMedia(FULL_SCREEN_QUERY).matches);
  };

  Widget.prototype.keepFocusInside = function (event) {
    var focusable = Array.prototype.filter.call(
      this.panel.querySelectorAll("button, textarea, a[href], [tabindex='0']"),
      function (node) { return !node.disabled && node.offsetParent !== null; }
    );
    if (!focusable.length) return;
    var first = focusable[0], last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  Widget.prototype.open = function () {
    if (!this.isOpen()) {
      this.panel.setAttribute("aria-modal", this.isFullScreen() ? "true" : "false");
      this.panel.hidden = false;
      this.root.classList.add("vae-chat--open");
      this.launcher.setAttribute("aria-expanded", "true");
      this.scrollToEnd();
      this.autoGrow();
    }
    this.input.focus();
  };

  Widget.prototype.close = function () {
    if (!this.isOpen()) return;
    this.panel.hidden = true;
    this.root.classList.remove("vae-chat--open");
    this.launcher.setAttribute("aria-expanded", "false");
    this.launcher.focus();
  };

  Widget.prototype.toggle = function () {
    if (this.isOpen()) this.close();
    else this.open();
  };

  Widget.prototype.togglePrivacy = function () {
    var show = this.privacy.hidden;
    this.privacy.hidden = !show;
    this.privacyToggle.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) {
      this.confirmBox.hidden = true;
      this.deleteButton.hidden = false;
    }
  };

  // ------------------------------------------------------------------ rendering

  Widget.prototype.ensureOpening = function () {
    if (this.state.messages.length || !this.config.openingMessage) return;
    this.state.messages.push({
      id: randomId(), from: "bot", local: true, text: String(this.config.openingMessage),
      buttons: this.config.openingButtons
    });
  };

  Widget.prototype.renderAll = function () {
    this.ensureOpening();
    while (this.log.firstChild) this.log.removeChild(this.log.firstChild);
    var self = this;
    this.state.messages.forEach(function (message) { self.log.appendChild(self.renderMessage(message)); });
    this.renderQuickReplies();
    this.scrollToEnd();
  };

  Widget.prototype.renderMessage = function (message) {
    var fromBot = message.from === "bot";
    var bubble = el("div", { className: "vae-chat__bubble" });
    if (fromBot) bubble.appendChild(formatted(message.text || ""));
    else bubble.appendChild(el("p", { className: "vae-chat__plain", text: message.text }));
    var node = el("div", {
      className: "vae-chat__message vae-chat__message--" + (fromBot ? "bot" : "user"), "data-id": message.id
    }, [srOnly(fromBot ? "L'assistant : " : "Vous : "), bubble]);
    if (!fromBot && message.status) {
      node.classList.add("vae-chat__message--pending");
      node.appendChild(el("p", {
        className: "vae-chat__message-status",
        text: message.status === "failed" ? "Pas encore envoyé" : "Envoi…"
      }));
    }
    if (fromBot && typeof message.ts === "number") node.appendChild(this.renderFeedback(message));
    return node;
  };

  Widget.prototype.renderFeedback = function (message) {
    var self = this;
    var group = el("div", { className: "vae-chat__feedback", role: "group", "aria-label": "Votre avis sur cette réponse" });
    [["up", "Réponse utile"], ["down", "Réponse pas utile"]].forEach(function (choice) {
      var button = el("button", {
        type: "button", className: "vae-chat__feedback-button", "data-value": choice[0],
        "aria-pressed": message.feedback === choice[0] ? "true" : "false", "aria-label": choice[1],
        title: choice[1]
      }, [icon(ICONS[choice[0]], 18)]);
      button.addEventListener("click", function () { self.giveFeedback(message.id, choice[0]); });
      group.appendChild(button);
    });
    return group;
  };

  Widget.prototype.lastMessage = function () {
    return this.state.messages[this.state.messages.length - 1];
  };

  /** The buttons of the bot's latest turn (since the visitor last spoke). */
  Widget.prototype.currentButtons = function () {
    for (var i = this.state.messages.length - 1; i >= 0; i--) {
      var message = this.state.messages[i];
      if (message.from !== "bot") return [];
      if (Array.isArray(message.buttons) && message.buttons.length) return message.buttons;
    }
    return [];
  };

  /** The buttons of the bot's latest turn become quick replies under its last message; older ones are gone. */
  Widget.prototype.renderQuickReplies = function () {
    var self = this;
    var existing = this.log.querySelector(".vae-chat__quick-replies");
    if (existing) existing.parentNode.removeChild(existing);
    var buttons = this.currentButtons();
    if (!buttons.length) return;
    var group = el("div", { className: "vae-chat__quick-replies", role: "group", "aria-label": "Réponses proposées" });
    buttons.forEach(function (button) {
      if (!button || typeof button.title !== "string") return;
      var payload = typeof button.payload === "string" && button.payload ? button.payload : button.title;
      var node = el("button", { type: "button", className: "vae-chat__quick-reply", text: button.title });
      if (self.busy) node.setAttribute("aria-disabled", "true");
      node.addEventListener("click", function () {
        // The buttons disappear once used: the focus goes back to the text box, not to the page.
        if (self.send(payload, button.title)) self.input.focus();
      });
      group.appendChild(node);
    });
    var lastNode = this.log.lastElementChild;
    if (lastNode) lastNode.appendChild(group);
  };

  Widget.prototype.appendMessage = function (message) {
    this.state.messages.push(message);
    this.log.appendChild(this.renderMessage(message));
    this.save();
  };

  Widget.prototype.replaceMessageNode = function (message) {
    var node = this.log.querySelector('[data-id="' + message.id + '"]');
    if (node) node.parentNode.replaceChild(this.renderMessage(message), node);
  };

  Widget.prototype.scrollToEnd = function () {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  };

  Widget.prototype.autoGrow = function () {
    this.input.style.height = "auto";
    this.input.style.height = Math.min(this.input.scrollHeight + 2, 160) + "px";
  };

  Widget.prototype.announce = function (text) {
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  };

  /** While a message is on its way, sending is off (aria-disabled keeps the focus where it is). */
  Widget.prototype.updateComposer = function () {
    var controls = [this.sendButton].concat(Array.prototype.slice.call(this.log.querySelectorAll(".vae-chat__quick-reply")));
    for (var i = 0; i < controls.length; i++) {
      if (this.busy) controls[i].setAttribute("aria-disabled", "true");
      else controls[i].removeAttribute("aria-disabled");
    }
  };

  Widget.prototype.setTyping = function (on) {
    var self = this;
    window.clearTimeout(this.slowTimer);
    this.typing.hidden = !on;
    this.typing.classList.remove("vae-chat__typing--slow");
    this.typing.lastChild.textContent = "L'assistant écrit…";
    if (on) {
      this.scrollToEnd();
      this.slowTimer = window.setTimeout(function () {
        self.typing.classList.add("vae-chat__typing--slow");
        self.typing.lastChild.textContent = "L'assistant écrit… La réponse prend un peu plus de temps que d'habitude.";
      }, SLOW_ANSWER_MS);
    }
  };

  /** The message area above the conversation: outages, timeouts, confirmations. */
  Widget.prototype.showAlert = function (text, actions, countdown, info) {
    var box = this.alertBox;
    while (box.firstChild) box.removeChild(box.firstChild);
    box.classList.toggle("vae-chat__alert--info", Boolean(info));
    this.countdownNode = null;
    box.appendChild(el("p", { text: text }));
    if (countdown) {
      this.countdownNode = el("p", { className: "vae-chat__countdown", "aria-hidden": "true" });
      box.appendChild(this.countdownNode);
    }
    if (actions && actions.length) {
      var row = el("div", { className: "vae-chat__alert-actions" });
      actions.forEach(function (action) {
        var button = el("button", { type: "button", className: "vae-chat__secondary", text: action.label });
        button.addEventListener("click", action.run);
        row.appendChild(button);
      });
      box.appendChild(row);
    }
    box.hidden = false;
  };

  Widget.prototype.hideAlert = function () {
    var hadFocus = this.alertBox.contains(document.activeElement);
    this.alertBox.hidden = true;
    while (this.alertBox.firstChild) this.alertBox.removeChild(this.alertBox.firstChild);
    window.clearInterval(this.countdownTimer);
    this.countdownNode = null;
    if (hadFocus) this.input.focus();
  };

  // ------------------------------------------------------------------ talking to the bot

  Widget.prototype.endpoint = function (path) {
    return this.config.botUrl + "/webhooks/rest/" + path;
  };

  Widget.prototype.submit = function () {
    var text = this.input.value.trim();
    if (!text || this.busy) return;
    if (this.send(text)) {
      this.input.value = "";
      this.state.draft = "";
      this.save();
      this.autoGrow();
    }
  };

  /** Show the visitor's message and deliver it; false when another message is still on its way. */
  Widget.prototype.send = function (payload, shown) {
    if (this.busy) return false;
    payload = String(payload).slice(0, MAX_MESSAGE_CHARS);
    this.busy = true;
    this.attempt = 0;
    var message = { id: randomId(), from: "user", text: shown || payload, payload: payload, status: "sending" };
    this.appendMessage(message);
    this.renderQuickReplies();
    this.updateComposer();
    this.deliver(message);
    return true;
  };

  Widget.prototype.deliver = function (message) {
    var self = this;
    this.retryTimer = null;
    this.setTyping(true);
    this.scrollToEnd();
    var sender = this.state.sender;
    var controller = window.AbortController ? new AbortController() : null;
    var timeout = window.setTimeout(function () { if (controller) controller.abort(); }, ANSWER_TIMEOUT_MS);
    fetch(this.endpoint("webhook"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: sender, message: message.payload }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (response.status >= 500) throw new Error("HTTP " + response.status);
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      window.clearTimeout(timeout);
      if (sender !== self.state.sender) return; // conversation restarted meanwhile
      self.delivered(message, result.ok && Array.isArray(result.body) ? result.body : null);
    }).catch(function (error) {
      window.clearTimeout(timeout);
      if (sender !== self.state.sender) return;
      if (error && error.name === "AbortError") self.timedOut(message);
      else self.unreachable(message);
    });
  };

  Widget.prototype.delivered = function (message, answers) {
    var self = this;
    this.hideAlert();
    this.setTyping(false);
    delete message.status;
    this.replaceMessageNode(message);
    if (answers === null) {
      answers = [{ text: "Je n'ai pas pu traiter ce message. Pouvez-vous le reformuler\u202f?" }];
    }
    var firstAnswer = null;
    answers.forEach(function (answer) {
      if (!answer || (typeof answer.text !== "string" && !Array.isArray(answer.buttons))) return;
      var stored = { id: randomId(), from: "bot", text: answer.text || "" };
      if (Array.isArray(answer.buttons)) {
        stored.buttons = answer.buttons.map(function (b) { return { title: String(b.title), payload: String(b.payload || b.title) }; });
      }
      if (typeof answer.timestamp === "number") stored.ts = answer.timestamp;
      self.appendMessage(stored);
      firstAnswer = firstAnswer || stored;
    });
    this.busy = false;
    this.save();
    this.renderQuickReplies();
    this.updateComposer();
    this.scrollToAnswer(firstAnswer);
  };

  /** Show the new answer from its start: a long answer is read from the top, a short one ends the view. */
  Widget.prototype.scrollToAnswer = function (message) {
    var node = message && this.log.querySelector('[data-id="' + message.id + '"]');
    var end = this.scroller.scrollHeight - this.scroller.clientHeight;
    this.scroller.scrollTop = node ? Math.min(end, node.offsetTop - 8) : end;
  };

  Widget.prototype.unreachable = function (message) {
    var self = this;
    this.setTyping(false);
    message.status = "failed";
    this.replaceMessageNode(message);
    this.save();
    var delay = RETRY_DELAYS_S[Math.min(this.attempt, RETRY_DELAYS_S.length - 1)];
    this.attempt += 1;
    if (!this.alertBox.hidden && this.countdownNode) {
      // already showing the outage: only the countdown changes (no new announcement)
    } else {
      this.showAlert(
        "Impossible de joindre l'assistant pour le moment. Votre message est conservé : " +
          "nous le renverrons automatiquement dès que possible.",
        [
          { label: "Réessayer maintenant", run: function () { self.retryNow(); } },
          { label: "Annuler l'envoi", run: function () { self.cancelPending(); } }
        ],
        true
      );
    }
    var remaining = delay;
    var tick = function () {
      if (self.countdownNode) self.countdownNode.textContent = "Nouvel essai dans " + remaining + " s.";
      remaining -= 1;
    };
    window.clearInterval(this.countdownTimer);
    tick();
    this.countdownTimer = window.setInterval(tick, 1000);
    this.pendingMessage = message;
    this.retryTimer = window.setTimeout(function () { self.retryNow(); }, delay * 1000);
  };

  Widget.prototype.timedOut = function (message) {
    var self = this;
    this.setTyping(false);
    message.status = "failed";
    this.replaceMessageNode(message);
    this.pendingMessage = message;
    this.save();
    this.showAlert("L'assistant n'a pas répondu à temps. Voulez-vous renvoyer votre message ?", [
      { label: "Renvoyer", run: function () { self.retryNow(); } },
      { label: "Annuler l'envoi", run: function () { self.cancelPending(); } }
    ]);
  };

  Widget.prototype.retryNow = function () {
    var message = this.pendingMessage;
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.countdownTimer);
    this.retryTimer = null;
    if (!message || !this.busy) return;
    if (this.countdownNode) this.countdownNode.textContent = "Nouvel essai en cours…";
    message.status = "sending";
    this.replaceMessageNode(message);
    this.deliver(message);
  };

  /** Give up sending: the text goes back into the text box, nothing is lost. */
  Widget.prototype.cancelPending = function () {
    var message = this.pendingMessage;
    window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.pendingMessage = null;
    this.hideAlert();
    this.setTyping(false);
    if (message) {
      this.state.messages = this.state.messages.filter(function (m) { return m.id !== message.id; });
      var node = this.log.querySelector('[data-id="' + message.id + '"]');
      if (node) node.parentNode.removeChild(node);
      var current = this.input.value.trim();
      this.input.value = current ? message.payload + "\n" + current : message.payload;
      this.state.draft = this.input.value;
    }
    this.busy = false;
    this.save();
    this.renderQuickReplies();
    this.updateComposer();
    this.input.focus();
  };

  Widget.prototype.giveFeedback = function (id, value) {
    var self = this;
    var message = this.state.messages.filter(function (m) { return m.id === id; })[0];
    if (!message || message.feedback === value) return;
    var previous = message.feedback;
    var node = this.log.querySelector('[data-id="' + id + '"]');
    var setPressed = function (pressed) {
      if (!node) return;
      var buttons = node.querySelectorAll(".vae-chat__feedback-button");
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", buttons[i].getAttribute("data-value") === pressed ? "true" : "false");
      }
    };
    message.feedback = value;
    setPressed(value);
    this.save();
    fetch(this.endpoint("feedback"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: this.state.sender, timestamp: message.ts, value: value })
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      self.announce("Merci pour votre avis.");
    }).catch(function () {
      message.feedback = previous;
      setPressed(previous);
      self.save();
      self.announce("Votre avis n'a pas pu être enregistré. Réessayez dans quelques instants.");
    });
  };

  // ------------------------------------------------------------------ conversation controls

  Widget.prototype.reset = function (notice) {
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.countdownTimer);
    this.retryTimer = null;
    this.pendingMessage = null;
    this.busy = false;
    this.hideAlert();
    this.setTyping(false);
    var draft = this.input.value;
    this.state = freshState();
    this.state.draft = draft;
    this.renderAll();
    this.updateComposer();
    if (notice) this.announce(notice);
  };

  Widget.prototype.restart = function () {
    this.reset("Nouvelle conversation commencée.");
    this.save();
    this.input.focus();
  };

  Widget.prototype.eraseData = function () {
    var self = this;
    var sender = this.state.sender;
    this.confirmDeleteButton.disabled = true;
    fetch(this.endpoint("conversations/" + encodeURIComponent(sender)), { method: "DELETE" })
      .then(function (response) {
        if (response.status !== 204 && response.status !== 200) throw new Error("HTTP " + response.status);
        self.store.clear();
        self.input.value = "";
        self.reset();
        self.store.clear(); // reset() does not save, but be explicit: nothing stays in this browser
        self.togglePrivacy();
        self.showAlert("Vos données ont été supprimées, sur nos serveurs et dans ce navigateur.", [
          { label: "OK", run: function () { self.hideAlert(); self.input.focus(); } }
        ], false, true);
        self.input.focus();
      })
      .catch(function () {
        self.announce("La suppression n'a pas abouti. Vérifiez votre connexion et réessayez.");
        self.showAlert("La suppression n'a pas abouti : l'assistant est injoignable. Vos données sont intactes. " +
          "Réessayez dans quelques instants.", []);
      })
      .then(function () {
        self.confirmDeleteButton.disabled = false;
      });
  };

  /** Another tab changed the conversation: show the same one (unless a message is on its way here). */
  Widget.prototype.syncFromOtherTab = function () {
    if (this.busy) return;
    var state = this.store.load() || freshState();
    state.draft = this.input.value; // each tab keeps what is being typed in it
    this.state = state;
    this.renderAll();
    this.updateComposer();
  };

  // ------------------------------------------------------------------ start

  function start() {
    var widget = new Widget(readConfig());
    widget.mount();
    window.VaeChat = {
      open: function () { widget.open(); },
      close: function () { widget.close(); },
      newConversation: function () { widget.restart(); }
    };
  }

  window.VaeChat = { loading: true };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
