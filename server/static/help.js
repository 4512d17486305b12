// The help page, live: polls /admin/help/live.json, redraws the list in place (newest on
// top), chimes when a request arrives (once the guide has turned the sound on: browsers play
// sound only after a tap), and closes requests without leaving the page. Without this script
// the page still works: it reloads itself and "Done" is a plain form.
//
// Every text shown comes from the server (the JSON, or data-* attributes of the page) in the
// page's language; this file has no words of its own. Text is set with textContent only.
(function () {
  "use strict";

  var root = document.getElementById("help-live");
  if (!root || !window.fetch || !window.URLSearchParams) {
    return; // the page's own refresh keeps working
  }
  var list = document.getElementById("help-list");
  var closedList = document.getElementById("help-closed");
  var itemTemplate = document.getElementById("help-item-template");
  var closedTemplate = document.getElementById("help-closed-template");
  var waiting = document.getElementById("help-waiting");
  var closedEmpty = document.getElementById("help-closed-empty");
  var status = document.getElementById("help-status");
  var soundButton = document.getElementById("help-sound");
  var tools = document.getElementById("help-tools");

  var KEY = /^[0-9a-f]{32}$/;
  var SOUND_SETTING = "kiosk-admin-help-sound";
  var pollMs = Math.max(1, Number(root.dataset.pollSeconds) || 5) * 1000;
  var slowestMs = 60000;
  var delayMs = pollMs;
  var timer = null;
  var baseTitle = root.dataset.title || "";
  var titleSuffix = document.title.indexOf(baseTitle) === 0 ? document.title.slice(baseTitle.length) : "";
  var known = new Map(); // help key -> created_at, of the requests shown
  var chime = null;
  var soundOn = false;

  // Sound ---------------------------------------------------------------------------------
  function counter(name) {
    root.dataset[name] = String((Number(root.dataset[name]) || 0) + 1);
  }

  function showSound() {
    soundButton.setAttribute("aria-pressed", soundOn ? "true" : "false");
    soundButton.textContent = soundOn ? soundButton.dataset.on : soundButton.dataset.off;
  }

  function play(why) {
    // Tests read these: headless browsers cannot be heard, but they can say they tried.
    counter(why === "arrival" ? "chimes" : "soundChecks");
    if (!chime) {
      chime = new Audio(root.dataset.chime);
      chime.preload = "auto";
    }
    if (navigator.vibrate && why === "arrival") {
      navigator.vibrate([200, 100, 200]);
    }
    try {
      chime.currentTime = 0;
    } catch (ignored) {
      // not loaded yet: it plays from the start anyway
    }
    var played = chime.play();
    if (played && played.then) {
      played.then(function () {
        root.dataset.chimeResult = "played";
      }, function (error) {
        root.dataset.chimeResult = error && error.name === "NotAllowedError" ? "blocked" : "failed";
        if (error && error.name === "NotAllowedError") {
          // The browser wants a tap first (e.g. after a reload): say so, offer the button again.
          soundOn = false;
          showSound();
          say(status.dataset.blocked);
        }
      });
    }
  }

  function setSound(on) {
    soundOn = on;
    try {
      window.sessionStorage.setItem(SOUND_SETTING, on ? "on" : "off");
    } catch (ignored) {
      // private mode: remembered until the page is left
    }
    showSound();
    if (on) {
      play("check"); // plays under the tap, which lets later chimes play too
    }
  }

  // Drawing -------------------------------------------------------------------------------
  function say(text) {
    if (status.textContent !== text) {
      status.textContent = text || "";
    }
  }

  function fill(element, item) {
    var fields = element.querySelectorAll("[data-field]");
    for (var i = 0; i < fields.length; i++) {
      var name = fields[i].dataset.field;
      var value = item[name] === null || item[name] === undefined ? "" : String(item[name]);
      if (fields[i].textContent !== value) {
        fields[i].textContent = value;
      }
    }
  }

  function requestItem(item) {
    var element = document.getElementById("help-" + item.key);
    if (!element) {
      element = itemTemplate.content.firstElementChild.cloneNode(true);
      element.id = "help-" + item.key;
      element.dataset.key = item.key;
      element.querySelector("form").setAttribute("action", "/admin/help/" + item.key + "/done");
    }
    element.dataset.createdAt = item.created_at;
    element.querySelector("button[type=submit]").setAttribute("aria-label", item.done_label);
    fill(element, item);
    return element;
  }

  function closedItem(item) {
    var element = closedTemplate.content.firstElementChild.cloneNode(true);
    element.id = "closed-" + item.key;
    fill(element, item);
    return element;
  }

  // Puts ``wanted`` in ``parent`` in this order, moving only what is out of place, so the
  // button a guide is about to tap (or has focused) stays where it is.
  function arrange(parent, wanted) {
    var keep = new Set(wanted);
    Array.prototype.slice.call(parent.children).forEach(function (child) {
      if (!keep.has(child)) {
        parent.removeChild(child);
      }
    });
    wanted.forEach(function (element, index) {
      if (parent.children[index] !== element) {
        parent.insertBefore(element, parent.children[index] || null);
      }
    });
  }

  function apply(answer, mayChime) {
    var requests = (answer.requests || []).filter(function (item) { return KEY.test(item.key); });
    var arrived = requests.filter(function (item) {
      var seen = known.get(item.key);
      return seen === undefined || seen < item.created_at; // new, or the same visitor called again
    });
    var elements = requests.map(requestItem);
    arrange(list, elements);
    arrived.forEach(function (item) {
      var element = elements[requests.indexOf(item)];
      element.classList.remove("arrived");
      void element.offsetWidth; // restart the highlight
      element.classList.add("arrived");
    });
    known = new Map(requests.map(function (item) { return [item.key, item.created_at]; }));

    var done = (answer.done || []).filter(function (item) { return KEY.test(item.key); });
    arrange(closedList, done.map(closedItem));
    closedEmpty.hidden = done.length > 0;

    waiting.textContent = answer.waiting || "";
    var navLink = document.querySelector('header a[href="/admin/help"]');
    if (navLink && answer.nav) {
      navLink.textContent = answer.nav;
    }
    root.dataset.count = String(requests.length);
    document.title = (answer.title || baseTitle) + titleSuffix;
    if (arrived.length && mayChime && soundOn) {
      play("arrival");
    }
  }

  // Talking to the server -----------------------------------------------------------------
  function readAnswer(response) {
    var type = response.headers.get("Content-Type") || "";
    if (type.indexOf("application/json") !== 0) {
      // The session ended: the server sent the login page instead.
      var error = new Error("logged out");
      error.loggedOut = true;
      throw error;
    }
    if (!response.ok) {
      throw new Error("HTTP " + response.status);
    }
    return response.json();
  }

  function failed(error) {
    say(error && error.loggedOut ? status.dataset.loggedOut : status.dataset.offline);
    root.dataset.state = error && error.loggedOut ? "logged-out" : "offline";
    delayMs = Math.min(delayMs * 2, slowestMs);
  }

  function poll() {
    window.clearTimeout(timer);
    timer = null;
    fetch(root.dataset.live, {credentials: "same-origin", cache: "no-store", headers: {Accept: "application/json"}})
      .then(readAnswer)
      .then(function (answer) {
        apply(answer, true);
        say(status.dataset.live);
        root.dataset.state = "live";
        counter("polls");
        delayMs = pollMs;
      })
      .catch(failed)
      .then(schedule); // whatever happened, ask again later: the page must never go quiet
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(poll, document.hidden ? Math.max(delayMs, 30000) : delayMs);
  }

  function closeRequest(form) {
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fetch(form.getAttribute("action"), {
      method: "POST",
      credentials: "same-origin",
      headers: {Accept: "application/json"},
      body: new URLSearchParams(new FormData(form)),
    })
      .then(function (response) {
        if (response.status === 403 || response.status === 404) {
          return null; // the page's own form says why, in words, as without this script
        }
        return readAnswer(response);
      })
      .then(function (answer) {
        if (answer === null) {
          form.submit();
          return;
        }
        apply(answer, false);
      }, function (error) {
        button.disabled = false;
        failed(error);
      });
  }

  // Start ---------------------------------------------------------------------------------
  Array.prototype.forEach.call(list.children, function (element) {
    if (KEY.test(element.dataset.key || "")) {
      known.set(element.dataset.key, element.dataset.createdAt || "");
    }
  });
  list.addEventListener("submit", function (event) {
    var form = event.target.closest("form");
    if (form) {
      event.preventDefault();
      closeRequest(form);
    }
  });
  soundButton.addEventListener("click", function () {
    setSound(!soundOn);
  });
  try {
    soundOn = window.sessionStorage.getItem(SOUND_SETTING) === "on";
  } catch (ignored) {
    soundOn = false;
  }
  showSound();
  tools.hidden = false;
  say(status.dataset.live);
  root.dataset.state = "live";
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) {
      poll(); // back on the phone's screen: show what happened meanwhile at once
    }
  });
  schedule();
})();
