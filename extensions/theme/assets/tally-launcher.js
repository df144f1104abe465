// Tally storefront launcher (decision 037). Added by blocks/launcher.liquid after the page's `load`
// event; loads its stylesheet, reveals the launcher and builds the panel on the first click. Only
// then, and only for a signed-in member, it asks the App Proxy for rewards, ways to earn and the
// member's referral link. A guest's referral pitch comes from the page's data (decision 042).
const root = document.getElementById("tally-launcher");

if (root) {
  const data = JSON.parse(root.querySelector(".tally__data").textContent);
  const t = data.t;
  const button = root.querySelector(".tally__button");
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "onclick") node.addEventListener("click", value);
      else node.setAttribute(name, value);
    }
    node.append(...children.filter((child) => child != null));
    return node;
  };
  let panel = null;

  const link = el("link", { rel: "stylesheet", href: data.css });
  link.addEventListener("load", () => (root.hidden = false));
  document.head.append(link);

  const redeem = async (reward, item) => {
    const action = item.querySelector("button");
    action.disabled = true;
    // One key per reward and click series: a retry after a lost answer never spends twice.
    reward.key ||= crypto.randomUUID();
    try {
      const response = await fetch(`${data.proxy}/redemptions`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": reward.key },
        body: JSON.stringify({ rewardId: reward.id }),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error?.message || t.error);
      reward.key = null;
      const code = el("code", { class: "tally__code" }, body.code);
      const copy = copyButton(body.code, t.copy);
      const apply = el(
        "a",
        {
          class: "tally__link",
          href: `/discount/${encodeURIComponent(body.code)}?redirect=%2Fcheckout`,
        },
        t.apply,
      );
      action.replaceWith(el("span", { class: "tally__issued" }, code, copy, apply));
      panel.querySelector(".tally__balance").textContent = body.balance;
    } catch (error) {
      action.disabled = false;
      item.append(el("p", { class: "tally__error", role: "alert" }, error.message || t.error));
    }
  };

  const wayText = (way) =>
    way.kind === "purchase"
      ? fill(t.purchase, { n: way.points, spend: way.spend, currency: way.currency })
      : way.kind === "referral" && data.referral
        ? data.referral.way
        : fill(t.bonus, { n: way.points });

  // "Give a friend 10,00 $ off…": the plural is Liquid's, the amount the browser's, in the page's language.
  const offer = (discount) => {
    const gift =
      discount.kind === "percentage"
        ? fill(t.percentOff, { percent: discount.value })
        : fill(t.amountOff, {
            amount: new Intl.NumberFormat(document.documentElement.lang || undefined, {
              style: "currency",
              currency: discount.currency,
            }).format(discount.value),
          });
    return el("p", null, fill(data.referral.offer, { gift }));
  };

  const copyButton = (text, label) => {
    const copy = el("button", { type: "button", class: "tally__link" }, label);
    copy.addEventListener("click", async () => {
      await navigator.clipboard?.writeText(text);
      copy.textContent = t.copied;
    });
    return copy;
  };

  const referralSection = (body, referral) => {
    body.append(el("h3", null, t.referral));
    if (data.referral) body.append(offer(referral?.friendDiscount ?? data.referral.discount));
    if (!referral) return body.append(el("p", { class: "tally__muted" }, t.referralJoin));
    body.append(
      el(
        "p",
        { class: "tally__issued" },
        el("code", { class: "tally__share" }, referral.link),
        copyButton(referral.link, t.copyLink),
      ),
      el("p", { class: "tally__muted" }, fill(t.referralCode, { code: referral.code })),
    );
  };

  const loadMember = async (body) => {
    const status = el("p", { class: "tally__muted" }, t.loading);
    body.append(status);
    try {
      const response = await fetch(`${data.proxy}/loyalty`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok) throw new Error(t.error);
      const loyalty = await response.json();
      status.remove();
      body.querySelector(".tally__balance").textContent = loyalty.balance;
      const rewards = el("ul", { class: "tally__list" });
      for (const reward of loyalty.rewards.filter((r) => r.affordable)) {
        const item = el(
          "li",
          null,
          el("span", null, reward.title, " · ", fill(t.cost, { n: reward.cost })),
        );
        item.append(
          el("button", { type: "button", onclick: () => redeem(reward, item) }, t.redeem),
        );
        rewards.append(item);
      }
      body.append(
        el("h3", null, t.rewards),
        rewards.children.length ? rewards : el("p", null, t.noRewards),
      );
      const ways = loyalty.waysToEarn.filter((way) => !way.done);
      if (ways.length)
        body.append(
          el("h3", null, t.ways),
          el("ul", { class: "tally__list" }, ...ways.map((way) => el("li", null, wayText(way)))),
        );
      if (loyalty.referral) referralSection(body, loyalty.referral);
    } catch {
      status.textContent = t.error;
    }
  };

  const build = () => {
    const body = el("div", { class: "tally__body" });
    panel = el(
      "section",
      { id: "tally-panel", class: "tally__panel", role: "dialog", "aria-label": t.title },
      el(
        "header",
        null,
        el("h2", null, t.title),
        el(
          "button",
          { type: "button", class: "tally__close", "aria-label": t.close, onclick: toggle },
          "×",
        ),
      ),
      body,
    );
    if (data.member) {
      body.append(
        el(
          "p",
          null,
          t.balance,
          ": ",
          el("strong", { class: "tally__balance" }, data.balance ?? "…"),
        ),
        data.tier ? el("p", null, t.tier, ": ", data.tier) : null,
        data.nextTier && data.pointsToNextTier != null
          ? el(
              "p",
              { class: "tally__muted" },
              fill(t.toNext, { n: data.pointsToNextTier, tier: data.nextTier }),
            )
          : null,
      );
      loadMember(body);
    } else {
      body.append(
        el("p", null, t.pitch),
        el(
          "p",
          { class: "tally__actions" },
          el("a", { class: "tally__cta", href: data.registerUrl }, t.join),
          el("a", { class: "tally__link", href: data.loginUrl }, t.login),
        ),
      );
      if (data.referral) referralSection(body, null);
    }
    root.append(panel);
  };

  function toggle() {
    if (!panel) build();
    else panel.hidden = !panel.hidden;
    button.setAttribute("aria-expanded", String(!panel.hidden));
  }

  data.proxy = root.dataset.proxy;
  button.addEventListener("click", toggle);
}
