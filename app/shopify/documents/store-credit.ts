// Store-credit rewards: `id` is the customer GID (Shopify opens the account in that currency on
// first credit) or a StoreCreditAccount GID. The amount is in the shop's currency, as a Decimal string.
export const STORE_CREDIT_ACCOUNT_CREDIT = `#graphql
  mutation StoreCreditAccountCredit($id: ID!, $amount: MoneyInput!, $expiresAt: DateTime, $notify: Boolean = false) {
    storeCreditAccountCredit(id: $id, creditInput: { creditAmount: $amount, expiresAt: $expiresAt, notify: $notify }) {
      storeCreditAccountTransaction {
        id
        amount {
          amount
          currencyCode
        }
        balanceAfterTransaction {
          amount
          currencyCode
        }
        account {
          id
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;
