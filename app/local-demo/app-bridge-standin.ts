// Served as /local-dev/app-bridge.js in the local demo instead of Shopify's App Bridge (which would
// redirect to the Shopify admin). It provides what Tally's pages use: session tokens on same-origin
// requests (like App Bridge's fetch), shopify.idToken(), shopify.toast.show(), and the contextual
// save bar (<ui-save-bar>, <form data-save-bar>, shopify.saveBar with leaveConfirmation()).
export const APP_BRIDGE_STANDIN_SOURCE = `(() => {
  const nativeFetch = window.fetch.bind(window);
  let cached = null;
  async function idToken() {
    if (!cached || Date.now() > cached.expiresAt - 10000) {
      const response = await nativeFetch("/local-dev/session-token", { credentials: "same-origin" });
      cached = await response.json();
    }
    return cached.token;
  }
  window.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (url.origin === location.origin && !url.pathname.startsWith("/local-dev/")) {
      const headers = new Headers((init && init.headers) || (input instanceof Request ? input.headers : undefined));
      headers.set("Authorization", "Bearer " + (await idToken()));
      init = Object.assign({}, init, { headers });
    }
    return nativeFetch(input, init);
  };
  function toast(message, options) {
    const node = document.createElement("div");
    node.setAttribute("role", "status");
    node.textContent = message;
    node.style.cssText = "position:fixed;bottom:24px;left:50%;transform:translateX(-50%);background:" + (options && options.isError ? "#8e1f0b" : "#303030") + ";color:#fff;padding:10px 16px;border-radius:8px;font:14px system-ui;z-index:1000";
    document.body.appendChild(node);
    setTimeout(() => node.remove(), (options && options.duration) || 3000);
  }
  // The real App Bridge moves <ui-nav-menu> into the admin's sidebar; here it is a bar on top.
  const style = document.createElement("style");
  style.textContent = "ui-nav-menu { display: flex; flex-wrap: wrap; gap: 8px 20px; padding: 10px 20px; background: #1a1a1a; font: 14px system-ui; } ui-nav-menu a { color: #fff; text-decoration: none; } ui-nav-menu a:hover { text-decoration: underline; }";
  document.head.appendChild(style);
  // The contextual save bar (<ui-save-bar>, what SaveBar from @shopify/app-bridge-react renders, and
  // <form data-save-bar>): the real one replaces the admin's top bar; here it is a bar along the
  // bottom of the page (the nav bar on top stays reachable) with the form's own buttons. leaveConfirmation() resolves when the merchant leaves.
  style.textContent += " ui-save-bar { display: none; position: fixed; bottom: 0; left: 0; right: 0; z-index: 999; gap: 8px; align-items: center; justify-content: flex-end; padding: 10px 20px; background: #1a1a1a; color: #fff; font: 14px system-ui; } ui-save-bar[data-open] { display: flex; } ui-save-bar::before { content: 'Unsaved changes'; margin-right: auto; } ui-save-bar button { font: 14px system-ui; padding: 6px 12px; border-radius: 8px; border: 1px solid #8a8a8a; background: #fff; color: #303030; } ui-save-bar button[variant=primary] { background: #fff; border-color: #fff; font-weight: 600; }";
  class SaveBarElement extends HTMLElement {
    show() { if (!this.hasAttribute("data-open")) { this.setAttribute("data-open", ""); this.dispatchEvent(new Event("show")); } return Promise.resolve(); }
    hide() { if (this.hasAttribute("data-open")) { this.removeAttribute("data-open"); this.dispatchEvent(new Event("hide")); } return Promise.resolve(); }
    toggle() { return this.hasAttribute("data-open") ? this.hide() : this.show(); }
    get showing() { return this.hasAttribute("data-open"); }
  }
  if (!customElements.get("ui-save-bar")) customElements.define("ui-save-bar", SaveBarElement);
  const saveBarById = (id) => document.getElementById(id);
  function openSaveBars() {
    return [...document.querySelectorAll("ui-save-bar[data-open]")].concat(
      [...document.querySelectorAll("form[data-save-bar]")].filter((form) => form.dataset.dirty === "true"),
    );
  }
  // <form data-save-bar>: a change shows a bar whose Save submits and Discard resets the form.
  document.addEventListener("input", (event) => {
    const form = event.target && event.target.closest && event.target.closest("form[data-save-bar]");
    if (!form) return;
    form.dataset.dirty = "true";
    let bar = form.__saveBar;
    if (!bar) {
      bar = document.createElement("ui-save-bar");
      const save = document.createElement("button");
      save.setAttribute("variant", "primary");
      save.textContent = "Save";
      save.onclick = () => form.requestSubmit();
      const discard = document.createElement("button");
      discard.textContent = "Discard";
      discard.onclick = () => { form.reset(); form.dataset.dirty = "false"; bar.hide(); };
      bar.append(save, discard);
      document.body.appendChild(bar);
      form.__saveBar = bar;
      form.addEventListener("submit", () => { form.dataset.dirty = "false"; bar.hide(); });
    }
    bar.show();
  }, true);
  const saveBar = {
    show: (id) => (saveBarById(id) ? saveBarById(id).show() : Promise.resolve()),
    hide: (id) => (saveBarById(id) ? saveBarById(id).hide() : Promise.resolve()),
    toggle: (id) => (saveBarById(id) ? saveBarById(id).toggle() : Promise.resolve()),
    leaveConfirmation: () =>
      new Promise((resolve) => {
        if (openSaveBars().length === 0 || window.confirm("Leave page? You have unsaved changes that will be lost.")) resolve();
      }),
  };
  window.shopify = { idToken, toast: { show: toast }, saveBar, loading() {}, config: { localDemo: true } };
})();`;
