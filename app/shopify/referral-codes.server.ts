// The referred friend's single-use discount code (decision 036), made when the friend opens the
// advocate's link. Its value is the program's friend discount: an amount or a percentage off.
import { formatMinor } from "../loyalty/money";
import type { ReferralRule } from "../loyalty/types";
import { runAdminOperation, type AdminGraphqlClient } from "./admin-client.server";
import { REFERRAL_CODE_CREATE } from "./documents/discounts";
import { RewardIssueError } from "./reward-codes.server";

export interface FriendCodeRequest {
  code: string;
  discount: ReferralRule["friendDiscount"];
  currencyExponent: number;
  now: Date;
  expiresAt: Date;
}

/** Creates the code in Shopify and answers its discount node id; RewardIssueError when refused. */
export async function createFriendCode(
  client: AdminGraphqlClient,
  request: FriendCodeRequest,
): Promise<string> {
  const { discount } = request;
  const value =
    discount.kind === "percentage"
      ? { percentage: discount.value / 100 }
      : {
          discountAmount: {
            amount: formatMinor(discount.value, request.currencyExponent),
            appliesOnEachItem: false,
          },
        };
  const { discountCodeBasicCreate } = await runAdminOperation(client, REFERRAL_CODE_CREATE, {
    title: "Tally referral: friend's first order",
    code: request.code,
    value,
    startsAt: request.now.toISOString(),
    endsAt: request.expiresAt.toISOString(),
    usageLimit: 1,
    appliesOncePerCustomer: true,
  });
  const errors = discountCodeBasicCreate?.userErrors ?? [];
  if (errors.length) throw new RewardIssueError(errors.map((error) => error.message).join("; "));
  const id = discountCodeBasicCreate?.codeDiscountNode?.id;
  if (!id) throw new RewardIssueError("Shopify did not return the referral code's discount");
  return id;
}
