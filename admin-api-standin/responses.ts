// Response bodies the stand-in shares with Shopify: throttling, HTTP errors, injected user errors.
import { getNamedType, isEnumType, isObjectType, type GraphQLSchema } from "graphql";
import type { CostExtension } from "./cost";

export const RATE_LIMITS_DOCUMENTATION = "https://shopify.dev/api/usage/rate-limits";

/** HTTP 200 with a THROTTLED error and the bucket state, as Shopify answers an over-budget query. */
export function throttledBody(cost: CostExtension) {
  return {
    errors: [
      {
        message: "Throttled",
        extensions: { code: "THROTTLED", documentation: RATE_LIMITS_DOCUMENTATION },
      },
    ],
    extensions: { cost: { ...cost, actualQueryCost: null } },
  };
}

export const INVALID_TOKEN_BODY = {
  errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
};

export const INTERNAL_ERROR_BODY = { errors: "Internal Server Error" };

/** Stand-in rejections use GraphQL-shaped errors so clients surface the messages. */
export function rejectionBody(code: string, messages: string[]) {
  return { errors: messages.map((message) => ({ message, extensions: { code } })) };
}

/**
 * A payload for `mutationField` whose only content is one user error. The error's `code` is taken
 * from the payload's own error enum (INVALID when it has one), so the response stays schema-valid.
 */
export function injectedUserErrorPayload(schema: GraphQLSchema, mutationField: string) {
  const field = schema.getMutationType()?.getFields()[mutationField];
  const payloadType = field && getNamedType(field.type);
  const errorsField =
    payloadType && isObjectType(payloadType) ? payloadType.getFields().userErrors : undefined;
  const errorType = errorsField && getNamedType(errorsField.type);
  const codeField = errorType && isObjectType(errorType) ? errorType.getFields().code : undefined;
  const codeType = codeField && getNamedType(codeField.type);
  const code =
    codeType && isEnumType(codeType)
      ? (codeType.getValue("INVALID") ?? codeType.getValues()[0])?.value
      : undefined;
  return {
    userErrors: [
      {
        field: null,
        message: `Injected user error for ${mutationField} (stand-in failNext)`,
        ...(code ? { code } : {}),
      },
    ],
  };
}
