// metafieldsSet as Shopify documents it: at most 25 inputs, atomic (one invalid input writes
// nothing), `$app:` namespaces resolved, values checked against their type, compareDigest honoured.
import { createHash } from "node:crypto";
import { isBlank, userError, type ResolverContext, type StandinUserError } from "../resolver-kit";
import { gidType, metafieldKey, type StoredMetafield } from "../state";

const LIMIT = 25;

interface MetafieldsSetInputArg {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

const SCALAR_TYPES = new Set([
  "boolean",
  "color",
  "date",
  "date_time",
  "dimension",
  "id",
  "json",
  "link",
  "money",
  "multi_line_text_field",
  "number_decimal",
  "number_integer",
  "rating",
  "rich_text_field",
  "single_line_text_field",
  "url",
  "volume",
  "weight",
  "article_reference",
  "collection_reference",
  "company_reference",
  "customer_reference",
  "file_reference",
  "metaobject_reference",
  "mixed_reference",
  "page_reference",
  "product_reference",
  "product_taxonomy_value_reference",
  "variant_reference",
]);

function isKnownType(type: string): boolean {
  return SCALAR_TYPES.has(type.startsWith("list.") ? type.slice(5) : type);
}

/** Returns why `value` is not a valid `type` value, for the types Tally and common apps write. */
function invalidValueReason(type: string, value: string): string | undefined {
  const parsesAsJson = () => {
    try {
      return { ok: true as const, parsed: JSON.parse(value) as unknown };
    } catch {
      return { ok: false as const };
    }
  };
  if (
    type === "json" ||
    type === "rich_text_field" ||
    type.startsWith("list.") ||
    type === "money"
  ) {
    const result = parsesAsJson();
    if (!result.ok) return "Value is invalid JSON.";
    if (type.startsWith("list.") && !Array.isArray(result.parsed)) return "Value must be an array.";
    return undefined;
  }
  switch (type) {
    case "number_integer":
      return /^-?\d+$/.test(value) && Math.abs(Number(value)) <= Number.MAX_SAFE_INTEGER
        ? undefined
        : "Value must be an integer.";
    case "number_decimal":
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : "Value must be a decimal.";
    case "boolean":
      return value === "true" || value === "false" ? undefined : "Value must be true or false.";
    case "single_line_text_field":
      return /[\r\n]/.test(value) ? "Value must be a single line of text." : undefined;
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? undefined : "Value must be in YYYY-MM-DD format.";
    case "date_time":
      return Number.isNaN(Date.parse(value)) ? "Value must be in ISO 8601 format." : undefined;
    default:
      return undefined;
  }
}

function digestOf(type: string, value: string): string {
  return createHash("sha256").update(`${type}\u0000${value}`).digest("hex");
}

function validateInput(
  input: MetafieldsSetInputArg,
  index: number,
  namespace: string,
  existing: StoredMetafield | undefined,
): StandinUserError | undefined {
  const at = (field: string, message: string, code: string) =>
    userError(["metafields", index, field], message, code, { elementIndex: index });
  if (!gidType(input.ownerId)) return at("ownerId", "Owner does not exist.", "INVALID");
  if (namespace.length < 3)
    return at("namespace", "Namespace is too short (minimum is 3 characters).", "TOO_SHORT");
  if (namespace.length > 255)
    return at("namespace", "Namespace is too long (maximum is 255 characters).", "TOO_LONG");
  if (input.key.length < 2)
    return at("key", "Key is too short (minimum is 2 characters).", "TOO_SHORT");
  if (input.key.length > 64)
    return at("key", "Key is too long (maximum is 64 characters).", "TOO_LONG");
  if (!/^[A-Za-z0-9_-]+$/.test(input.key)) {
    return at("key", "Key contains one or more invalid characters.", "INVALID");
  }
  const type = input.type ?? existing?.type;
  if (isBlank(type)) return at("type", "Type can't be blank.", "BLANK");
  if (!isKnownType(type!))
    return at("type", `Type '${type}' is not a valid metafield type.`, "INVALID_TYPE");
  const reason = invalidValueReason(type!, input.value);
  if (reason) return at("value", reason, "INVALID_VALUE");
  if (input.compareDigest !== undefined) {
    const current = existing?.compareDigest ?? null;
    if (input.compareDigest !== current) {
      return at(
        "compareDigest",
        "The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.",
        "STALE_OBJECT",
      );
    }
  }
  return undefined;
}

export function metafieldsSet(
  args: { metafields: MetafieldsSetInputArg[] },
  context: ResolverContext,
) {
  const { shop, state, now } = context;
  if (args.metafields.length > LIMIT) {
    return {
      metafields: [],
      userErrors: [
        userError(
          ["metafields"],
          `Exceeded the maximum metafields input limit of ${LIMIT}.`,
          "LESS_THAN_OR_EQUAL_TO",
        ),
      ],
    };
  }

  const planned: StoredMetafield[] = [];
  const userErrors: StandinUserError[] = [];
  args.metafields.forEach((input, index) => {
    const namespace = state.resolveNamespace(input.namespace);
    const id = metafieldKey(input.ownerId, namespace, input.key);
    const existing = shop.metafields.get(id);
    const error = validateInput(input, index, namespace, existing);
    if (error) {
      userErrors.push(error);
      return;
    }
    const type = input.type ?? existing!.type;
    planned.push({
      id: existing?.id ?? state.nextGid("Metafield"),
      ownerId: input.ownerId,
      namespace,
      key: input.key,
      type,
      value: input.value,
      compareDigest: digestOf(type, input.value),
      createdAt: existing?.createdAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });
  if (userErrors.length > 0) return { metafields: [], userErrors };

  for (const metafield of planned) {
    shop.metafields.set(
      metafieldKey(metafield.ownerId, metafield.namespace, metafield.key),
      metafield,
    );
  }
  return { metafields: planned.map(metafieldView), userErrors: [] };
}

export function metafieldView(metafield: StoredMetafield) {
  return {
    __typename: "Metafield",
    ...metafield,
    jsonValue: metafield.type === "json" ? JSON.parse(metafield.value) : metafield.value,
    legacyResourceId: metafield.id.split("/").pop(),
    ownerType: ownerTypeOf(metafield.ownerId),
  };
}

/** `gid://shopify/DraftOrder/1` → "DRAFTORDER" (Shopify's MetafieldOwnerType spelling). */
function ownerTypeOf(ownerId: string): string {
  return (gidType(ownerId) ?? "").toUpperCase();
}
