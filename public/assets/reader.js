/* 字号 / 高对比度 without a reload, remembered in localStorage and a cookie (the server reads the cookie,
   so the no-JavaScript links and this script agree). Also shows 打印本页 / 关闭窗口, which need a script. */
(function () {
  "use strict";
  var root = document.documentElement;
  var YEAR = 31536000;

  function remember(name, value) {
    document.cookie = name + "=" + value + "; Path=/; Max-Age=" + YEAR + "; SameSite=Lax";
    try {
      localStorage.setItem("reader." + name, value);
    } catch (e) {
      /* private mode: the cookie is enough */
    }
  }

  function setSize(size) {
    root.classList.remove("fs-s", "fs-m", "fs-l");
    root.classList.add("fs-" + size);
    var links = document.querySelectorAll("a[data-fs]");
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("data-fs") === size) links[i].setAttribute("aria-current", "true");
      else links[i].removeAttribute("aria-current");
    }
  }

  function setContrast(on) {
    root.classList.toggle("hc", on);
    var toggle = document.querySelector("a[data-hc]");
    if (toggle) {
      toggle.setAttribute("data-hc", on ? "0" : "1");
      toggle.textContent = on ? toggle.getAttribute("data-off-label") : toggle.getAttribute("data-on-label");
    }
  }

  // A statically published page cannot read the cookie on the server: apply the stored choice here.
  try {
    var size = localStorage.getItem("reader.fs");
    if (size === "s" || size === "m" || size === "l") setSize(size);
    var hc = localStorage.getItem("reader.hc");
    if (hc === "1" || hc === "0") setContrast(hc === "1");
  } catch (e) {
    /* storage unavailable: the server-rendered choice stands */
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("a[data-fs], a[data-hc], [data-action]") : null;
    if (!target) return;
    var fs = target.getAttribute("data-fs");
    var hcValue = target.getAttribute("data-hc");
    var action = target.getAttribute("data-action");
    if (fs) {
      event.preventDefault();
      setSize(fs);
      remember("fs", fs);
    } else if (hcValue) {
      event.preventDefault();
      setContrast(hcValue === "1");
      remember("hc", hcValue);
    } else if (action === "print") {
      window.print();
    } else if (action === "close") {
      window.close();
    } else if (action === "back" && history.length > 1) {
      event.preventDefault();
      history.back();
    }
  });

  var hidden = document.querySelectorAll("[data-action][hidden]");
  for (var j = 0; j < hidden.length; j++) hidden[j].removeAttribute("hidden");
})();
