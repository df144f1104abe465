// Served as /local-dev/app-bridge.js in the local demo instead of Shopify's App Bridge (which would
// redirect to the Shopify admin). It provides what Tally's pages use: session tokens on same-origin
// requests (like App Bridge's fetch), shopify.idToken() and shopify.toast.show().
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
  window.shopify = { idToken, toast: { show: toast }, loading() {}, config: { localDemo: true } };
})();`;
