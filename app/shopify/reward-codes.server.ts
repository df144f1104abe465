// Turns a reserved reward into something the shopper can use: a single-use discount code limited to
// them (design §3), or store credit. Codes end when the reward's code lifetime does.
import { randomBytes } from "node:crypto";
import { formatMinor } from "../loyalty/money";
import type { Reward } from "../loyalty/rewards";
import { runAdminOperation, type AdminGraphqlClient } from "./admin-client.server";
import {
  CODE_DISCOUNT_NODE_BY_CODE,
  DISCOUNT_CODE_BASIC_CREATE,
  DISCOUNT_CODE_DEACTIVATE,
  DISCOUNT_CODE_FREE_SHIPPING_CREATE,
} from "./documents/discounts";
import { STORE_CREDIT_ACCOUNT_CREDIT } from "./documents/store-credit";

export class RewardIssueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RewardIssueError";
  }
}

/** 12 characters from an alphabet without look-alikes (0/O, 1/I/L), readable over the phone. */
export function newRewardCode(): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(12);
  return `TALLY-${Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("")}`;
}

export interface IssueRequest {
  reward: Reward;
  customerGid: string;
  code: string;
  currencyCode: string;
  currencyExponent: number;
  now: Date;
  expiresAt: Date;
}

export type IssuedReward = { kind: "code"; discountId: string } | { kind: "store_credit" };

function userErrorsOrThrow(errors: { message: string }[] | undefined) {
  if (errors?.length) throw new RewardIssueError(errors.map((error) => error.message).join("; "));
}

export async function issueReward(
  client: AdminGraphqlClient,
  request: IssueRequest,
): Promise<IssuedReward> {
  const { reward } = request;
  const common = {
    title: `Tally reward: ${reward.title}`,
    code: request.code,
    customerIds: [request.customerGid],
    startsAt: request.now.toISOString(),
    endsAt: request.expiresAt.toISOString(),
    usageLimit: 1,
    appliesOncePerCustomer: true,
    combinesWith: reward.combinesWith,
    minimumRequirement: reward.minimumSubtotal
      ? {
          subtotal: {
            greaterThanOrEqualToSubtotal: formatMinor(
              reward.minimumSubtotal,
              request.currencyExponent,
            ),
          },
        }
      : null,
  };
  switch (reward.kind) {
    case "store_credit": {
      const { storeCreditAccountCredit } = await runAdminOperation(
        client,
        STORE_CREDIT_ACCOUNT_CREDIT,
        {
          id: request.customerGid,
          amount: {
            amount: formatMinor(reward.value ?? 0, request.currencyExponent),
            currencyCode: request.currencyCode as never,
          },
        },
      );
      userErrorsOrThrow(storeCreditAccountCredit?.userErrors);
      return { kind: "store_credit" };
    }
    case "free_shipping": {
      const { discountCodeFreeShippingCreate } = await runAdminOperation(
        client,
        DISCOUNT_CODE_FREE_SHIPPING_CREATE,
        common,
      );
      userErrorsOrThrow(discountCodeFreeShippingCreate?.userErrors);
      return { kind: "code", discountId: discountCodeFreeShippingCreate!.codeDiscountNode!.id };
    }
    default: {
      const value =
        reward.kind === "fixed_amount"
          ? {
              discountAmount: {
                amount: formatMinor(reward.value ?? 0, request.currencyExponent),
                appliesOnEachItem: false,
              },
            }
          : reward.kind === "percentage"
            ? { percentage: (reward.value ?? 0) / 100 }
            : { percentage: 1 };
      const items =
        reward.kind === "free_product"
          ? { products: { productVariantsToAdd: [reward.variantId!] } }
          : { all: true };
      const { discountCodeBasicCreate } = await runAdminOperation(
        client,
        DISCOUNT_CODE_BASIC_CREATE,
        { ...common, value, items },
      );
      userErrorsOrThrow(discountCodeBasicCreate?.userErrors);
      return { kind: "code", discountId: discountCodeBasicCreate!.codeDiscountNode!.id };
    }
  }
}

/** Ends the code now and answers how many orders Shopify has counted on it since it was created. */
export async function deactivateRewardCode(
  client: AdminGraphqlClient,
  discountId: string,
): Promise<{ usageCount: number }> {
  const { discountCodeDeactivate } = await runAdminOperation(client, DISCOUNT_CODE_DEACTIVATE, {
    id: discountId,
  });
  userErrorsOrThrow(discountCodeDeactivate?.userErrors);
  const discount = discountCodeDeactivate?.codeDiscountNode?.codeDiscount;
  const usageCount = discount && "asyncUsageCount" in discount ? discount.asyncUsageCount : null;
  // Without a count, nothing proves the code unused: the caller must not give its points back.
  if (typeof usageCount !== "number")
    throw new RewardIssueError("Shopify did not say whether the reward code was used");
  return { usageCount };
}

/** The discount that carries `code`, or null when Shopify has none. */
export async function findRewardCodeDiscount(
  client: AdminGraphqlClient,
  code: string,
): Promise<string | null> {
  const { codeDiscountNodeByCode } = await runAdminOperation(client, CODE_DISCOUNT_NODE_BY_CODE, {
    code,
  });
  return codeDiscountNodeByCode?.id ?? null;
}
