// tagsAdd / tagsRemove. Shopify splits comma-separated entries and ignores blanks and repeats.
import { userError, type ResolverContext } from "../resolver-kit";
import { gidType } from "../state";

const TAGGABLE = new Set(["Order", "DraftOrder", "Customer", "Product", "Article", "DiscountNode"]);
const MAX_TAG_LENGTH = 255;

interface TagsArgs {
  id: string;
  tags: string[];
}

function normalise(tags: string[]): string[] {
  return tags
    .flatMap((entry) => entry.split(","))
    .map((tag) => tag.trim())
    .filter(Boolean);
}

function changeTags(
  args: TagsArgs,
  { shop }: ResolverContext,
  apply: (current: Set<string>, tags: string[]) => void,
) {
  const type = gidType(args.id);
  if (!type || !TAGGABLE.has(type)) {
    return {
      node: null,
      userErrors: [userError(["id"], "Invalid id or unsupported resource type.")],
    };
  }
  const tags = normalise(args.tags);
  if (tags.some((tag) => tag.length > MAX_TAG_LENGTH)) {
    return {
      node: null,
      userErrors: [userError(["tags"], `Tags can't be longer than ${MAX_TAG_LENGTH} characters.`)],
    };
  }
  const current = shop.tags.get(args.id) ?? new Set<string>();
  apply(current, tags);
  shop.tags.set(args.id, current);
  return { node: { __typename: type, id: args.id, tags: [...current].sort() }, userErrors: [] };
}

export function tagsAdd(args: TagsArgs, context: ResolverContext) {
  return changeTags(args, context, (current, tags) => {
    // Shopify treats tags case-insensitively: "Gold" is not added next to "gold".
    const lower = new Set([...current].map((tag) => tag.toLowerCase()));
    for (const tag of tags) if (!lower.has(tag.toLowerCase())) current.add(tag);
  });
}

export function tagsRemove(args: TagsArgs, context: ResolverContext) {
  return changeTags(args, context, (current, tags) => {
    const remove = new Set(tags.map((tag) => tag.toLowerCase()));
    for (const tag of [...current]) if (remove.has(tag.toLowerCase())) current.delete(tag);
  });
}
