/* Live results under the search box (ARIA 1.2 combobox with a listbox popup).
   Progressive enhancement: without this file the form submits as usual. No inline code:
   the form carries data-live-search and data-suggest-url. */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;

  function enhance(form) {
    var input = form.querySelector('input[name="q"]');
    var popup = form.querySelector(".live-results");
    var listbox = popup && popup.querySelector('[role="listbox"]');
    var status = form.querySelector("[data-live-status]");
    var url = form.getAttribute("data-suggest-url");
    if (!input || !popup || !listbox || !url || !window.fetch) {
      return;
    }
    var timer = null;
    var controller = null;
    var active = -1;
    var lastQuery = null;

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function options() {
      return listbox.querySelectorAll('[role="option"]');
    }

    function announce(text) {
      if (status) {
        status.textContent = text;
      }
    }

    function close() {
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (options().length) {
        popup.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function setActive(index) {
      var items = options();
      if (!items.length) {
        return;
      }
      if (active >= 0 && items[active]) {
        items[active].setAttribute("aria-selected", "false");
      }
      active = (index + items.length) % items.length;
      items[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function render(data) {
      listbox.textContent = "";
      active = -1;
      (data.results || []).forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = listbox.id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-url", result.url);
        var title = document.createElement("span");
        title.className = "live-title";
        title.textContent = result.title;
        var meta = document.createElement("span");
        meta.className = "live-meta";
        meta.textContent = [result.implementer, result.period].filter(Boolean).join(" · ");
        item.appendChild(title);
        item.appendChild(meta);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.assign(result.url);
        });
        listbox.appendChild(item);
      });
      var count = (data.results || []).length;
      var template = count
        ? form.getAttribute("data-found-text") || "{n}"
        : form.getAttribute("data-none-text") || "0";
      announce(template.replace("{n}", String(count)).replace("{total}", String(data.total || 0)));
      if (count) {
        open();
      } else {
        close();
      }
    }

    function fetchResults() {
      var query = input.value.trim();
      if (query === lastQuery) {
        open();
        return;
      }
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        listbox.textContent = "";
        close();
        return;
      }
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var params = new URLSearchParams(new FormData(form));
      params.delete("page");
      fetch(url + "?" + params.toString(), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(render)
        .catch(function (error) {
          if (error.name !== "AbortError") {
            close();
          }
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchResults, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var expanded = input.getAttribute("aria-expanded") === "true";
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) {
          open();
        }
        setActive(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        if (!expanded) {
          open();
        }
        setActive(active - 1);
      } else if (event.key === "Enter" && expanded && active >= 0) {
        event.preventDefault();
        window.location.assign(options()[active].getAttribute("data-url"));
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", close);
  }

  document.querySelectorAll("form[data-live-search]").forEach(enhance);
})();
