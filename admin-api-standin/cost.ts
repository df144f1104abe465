// Query cost and leaky bucket, after Shopify's published rules: scalars and enums cost 0, objects 1,
// connections their page size (first/last) times their children plus 2, each mutation field 10
// including its payload.
// Close enough for tests of rate-limit handling; Shopify's real numbers differ in details.
import {
  getNamedType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export function estimateQueryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const argNumber = (value: ValueNode | undefined): number | undefined => {
    if (!value) return undefined;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const resolved = variables[value.name.value];
      return typeof resolved === "number" ? resolved : undefined;
    }
    return undefined;
  };

  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    isMutationRoot: boolean,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment =
          selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        const typeName = fragment?.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        if (fragment && type && isCompositeType(type))
          total += walk(fragment.selectionSet, type, isMutationRoot);
        continue;
      }
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      const type = getNamedType(field.type);
      const children =
        selection.selectionSet && isCompositeType(type)
          ? walk(selection.selectionSet, type, false)
          : 0;
      if (isMutationRoot) {
        total += 10; // the payload it returns is not charged separately
      } else if (type.name.endsWith("Connection")) {
        const byName = (name: string) =>
          selection.arguments?.find((arg) => arg.name.value === name)?.value;
        const pageSize = argNumber(byName("first")) ?? argNumber(byName("last")) ?? 1;
        total += 2 + pageSize * children;
      } else if (isCompositeType(type)) {
        total += 1 + children;
      }
    }
    return total;
  };

  const root =
    operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 1;
  return Math.max(1, walk(operation.selectionSet, root, operation.operation === "mutation"));
}

/** One bucket per shop, refilled continuously at `restoreRate` points per second. */
export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private readonly maximumAvailable: number,
    private readonly restoreRate: number,
    now: number,
  ) {
    this.available = maximumAvailable;
    this.updatedAt = now;
  }

  /** Takes `cost` points if available; returns the status after the attempt. */
  take(cost: number, now: number): { allowed: boolean; status: ThrottleStatus } {
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((now - this.updatedAt) / 1000) * this.restoreRate,
    );
    this.updatedAt = now;
    const allowed = this.available >= cost;
    if (allowed) this.available -= cost;
    return {
      allowed,
      status: {
        maximumAvailable: this.maximumAvailable,
        currentlyAvailable: Math.floor(this.available),
        restoreRate: this.restoreRate,
      },
    };
  }
}
