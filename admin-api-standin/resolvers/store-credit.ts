// storeCreditAccountCredit: `id` is an owner (customer, company location) whose account in the credit's
// currency is opened on first use, or an existing StoreCreditAccount.
import { formatDecimal, parseDecimal } from "../decimal";
import { money, userError, type ResolverContext } from "../resolver-kit";
import { gidType, type StoredCreditAccount } from "../state";

interface CreditArgs {
  id: string;
  creditInput: {
    creditAmount: { amount: string | number; currencyCode: string };
    expiresAt?: string | null;
    notify?: boolean | null;
  };
}

const OWNER_TYPES = new Set(["Customer", "CompanyLocation"]);

export function storeCreditAccountCredit(args: CreditArgs, { shop, state, now }: ResolverContext) {
  const fail = (field: string[], message: string, code: string) => ({
    storeCreditAccountTransaction: null,
    userErrors: [userError(field, message, code)],
  });
  const { creditAmount, expiresAt, notify } = args.creditInput;
  const amount = parseDecimal(creditAmount.amount);
  if (amount === undefined || amount <= 0n) {
    return fail(
      ["creditInput", "creditAmount", "amount"],
      "A positive amount must be used to credit a store credit account.",
      "NEGATIVE_OR_ZERO_AMOUNT",
    );
  }
  if (expiresAt && Date.parse(expiresAt) <= now.getTime()) {
    return fail(
      ["creditInput", "expiresAt"],
      "The expiry date must be in the future.",
      "EXPIRES_AT_IN_PAST",
    );
  }

  let account: StoredCreditAccount | undefined;
  if (gidType(args.id) === "StoreCreditAccount") {
    account = shop.storeCreditAccounts.get(args.id);
    if (!account) return fail(["id"], "Store credit account does not exist.", "ACCOUNT_NOT_FOUND");
    if (account.currencyCode !== creditAmount.currencyCode) {
      return fail(
        ["creditInput", "creditAmount", "currencyCode"],
        "The currency provided does not match the currency of the store credit account.",
        "MISMATCHING_CURRENCY",
      );
    }
  } else {
    if (!OWNER_TYPES.has(gidType(args.id) ?? ""))
      return fail(["id"], "Owner does not exist.", "OWNER_NOT_FOUND");
    const supported = shop.settings.storeCreditCurrencies ?? [shop.settings.currencyCode];
    if (!supported.includes(creditAmount.currencyCode)) {
      return fail(
        ["creditInput", "creditAmount", "currencyCode"],
        "The currency provided is not currently supported.",
        "UNSUPPORTED_CURRENCY",
      );
    }
    account = [...shop.storeCreditAccounts.values()].find(
      (candidate) =>
        candidate.ownerId === args.id && candidate.currencyCode === creditAmount.currencyCode,
    );
    if (!account) {
      account = {
        id: state.nextGid("StoreCreditAccount"),
        ownerId: args.id,
        currencyCode: creditAmount.currencyCode,
        balance: "0.0",
        transactions: [],
      };
      shop.storeCreditAccounts.set(account.id, account);
    }
  }

  account.balance = formatDecimal(parseDecimal(account.balance)! + amount);
  const transaction = {
    id: state.nextGid("StoreCreditAccountCreditTransaction"),
    amount: formatDecimal(amount),
    balanceAfter: account.balance,
    expiresAt: expiresAt ? new Date(expiresAt).toISOString() : null,
    notify: notify ?? false,
    createdAt: now.toISOString(),
  };
  account.transactions.push(transaction);

  const currency = account.currencyCode;
  const ownerType = gidType(account.ownerId)!;
  return {
    storeCreditAccountTransaction: {
      __typename: "StoreCreditAccountCreditTransaction",
      id: transaction.id,
      amount: money(transaction.amount, currency),
      remainingAmount: money(transaction.amount, currency),
      balanceAfterTransaction: money(transaction.balanceAfter, currency),
      createdAt: transaction.createdAt,
      expiresAt: transaction.expiresAt,
      event: "ADJUSTMENT",
      origin: null,
      account: {
        __typename: "StoreCreditAccount",
        id: account.id,
        balance: money(account.balance, currency),
        owner: { __typename: ownerType, id: account.ownerId },
      },
    },
    userErrors: [],
  };
}
