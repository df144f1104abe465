// Starts the merchant's Shopify Flow workflows that begin with one of Tally's triggers
// (extensions/flow-*). Sent only by the background push of the Flow outbox.
export const FLOW_TRIGGER_RECEIVE_MUTATION = `#graphql
  mutation FlowTriggerReceive($handle: String!, $payload: JSON!) {
    flowTriggerReceive(handle: $handle, payload: $payload) {
      userErrors {
        field
        message
      }
    }
  }
`;
