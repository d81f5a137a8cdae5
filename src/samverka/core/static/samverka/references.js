/* Samverka: suggestions for a record typed by name or number (organisation, person, activity …).
   Progressive enhancement of a plain text box (input[data-suggest]); without this script the box
   takes "#12" or a name as before. The ARIA 1.2 combobox pattern with a listbox popup: arrow keys
   move through the suggestions, Enter takes one, Escape closes them; the text stays editable.
   A box of several records (textarea[data-suggest], one per line) gets a labelled combobox above
   it ("Lägg till: Personer") whose chosen suggestion is added as a line of the box. */
(function () {
  "use strict";
  var count = 0;

  function enhance(input, chosen) {
    count += 1;
    var listId = "suggestions-" + count;
    var list = document.createElement("ul");
    list.id = listId;
    list.setAttribute("role", "listbox");
    list.className = "suggestions";
    list.hidden = true;
    var label = input.labels && input.labels[0];
    var named = label ? label.textContent.trim().replace(/:$/, "") : "";
    list.setAttribute("aria-label", (input.dataset.suggestName || "") + (named ? ": " + named : ""));
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    var active = -1, timer = null, asked = 0;

    function options() { return list.querySelectorAll("[role=option]"); }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      var all = options();
      if (!all.length) { return; }
      active = (index + all.length) % all.length;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === active ? "true" : "false"); });
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function take(option) {
      if (chosen) {
        chosen(option.textContent);
        input.value = "";
      } else {
        input.value = option.textContent;
      }
      close();
      input.focus();
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.label;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); take(option); });
        list.appendChild(option);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < 2 || text.charAt(0) === "#") { close(); return; }
      var mine = ++asked;
      fetch(input.dataset.suggest + "&q=" + encodeURIComponent(text), {
        headers: { "Accept": "application/json" }, credentials: "same-origin"
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (mine === asked) { show(data.results || []); } })
        .catch(close);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 200);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        if (open) { mark(active + 1); } else { ask(); }
        event.preventDefault();
      } else if (event.key === "ArrowUp" && open) {
        mark(active - 1);
        event.preventDefault();
      } else if (event.key === "Enter" && open && active >= 0) {
        take(options()[active]);
        event.preventDefault();
      } else if (event.key === "Escape" && open) {
        close();
        event.preventDefault();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function enhanceMany(box) {
    var adder = document.createElement("input");
    adder.type = "text";
    adder.id = box.id + "-add";
    adder.dataset.suggest = box.dataset.suggest;
    adder.dataset.suggestName = box.dataset.suggestName;
    var label = document.createElement("label");
    label.htmlFor = adder.id;
    var named = box.labels && box.labels[0] ? box.labels[0].textContent.trim().replace(/:$/, "") : "";
    label.textContent = box.dataset.suggestAdd + (named ? ": " + named : "");
    var wrap = document.createElement("div");
    wrap.className = "suggest-add";
    wrap.appendChild(label);
    wrap.appendChild(adder);
    box.insertAdjacentElement("beforebegin", wrap);
    enhance(adder, function (text) {
      var lines = box.value.split("\n").filter(function (line) { return line.trim(); });
      if (lines.indexOf(text) === -1) { lines.push(text); }
      box.value = lines.join("\n");
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(function (input) { enhance(input); });
  document.querySelectorAll("textarea[data-suggest]").forEach(enhanceMany);
})();
