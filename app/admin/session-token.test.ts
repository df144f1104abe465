import { describe, expect, it } from "vitest";
import { adminTokenProblem, isAdminIssued } from "./session-token";

const shop = "token-shop.myshopify.com";
// Claims as Shopify documents them for each surface (values shortened).
const admin = { iss: `https://${shop}/admin`, dest: `https://${shop}`, sub: "4242", sid: "a1b2" };
const checkout = {
  iss: `https://${shop}`,
  dest: shop,
  sub: "gid://shopify/Customer/77",
  sid: "c3",
};
const customerAccount = {
  iss: `https://${shop}`,
  dest: `https://${shop}`,
  sub: "gid://shopify/Customer/77",
  sid: "d4",
};

describe("adminTokenProblem", () => {
  it("accepts the admin's token", () => {
    expect(adminTokenProblem(admin)).toBeNull();
    expect(isAdminIssued(admin)).toBe(true);
  });

  it("refuses a checkout token (bare dest) and a customer-account token", () => {
    expect(adminTokenProblem(checkout)).toBe("dest is not an https shop origin");
    expect(adminTokenProblem(customerAccount)).toBe("iss is not the shop's admin");
    expect(isAdminIssued(checkout)).toBe(false);
    expect(isAdminIssued(customerAccount)).toBe(false);
  });

  it("refuses a shopper's token dressed as the admin's: a Customer gid as sub, no sid, another shop", () => {
    expect(adminTokenProblem({ ...admin, sub: "gid://shopify/Customer/77" })).toBe(
      "sub is not a staff user id",
    );
    expect(adminTokenProblem({ ...admin, sub: undefined })).toBe("sub is not a staff user id");
    expect(adminTokenProblem({ ...admin, sid: undefined })).toBe("sid is missing");
    expect(adminTokenProblem({ ...admin, sid: " " })).toBe("sid is missing");
    expect(adminTokenProblem({ ...admin, iss: "https://other.myshopify.com/admin" })).toBe(
      "iss is not the shop's admin",
    );
  });

  it("refuses malformed claims without throwing", () => {
    for (const dest of [undefined, 42, "", "http://x.myshopify.com", `https://${shop}/path`, "::"])
      expect(adminTokenProblem({ ...admin, dest })).toBe("dest is not an https shop origin");
    expect(adminTokenProblem({})).toBe("dest is not an https shop origin");
  });
});
