// Members: search by email or name prefix, filter by tier, sort by balance or lifetime points,
// keyset pages (docs/decisions/010).
import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineStack,
  Link,
  Page,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
  useBreakpoints,
} from "@shopify/polaris";
import { useState } from "react";
import { formatCount } from "~/i18n/format";
import { memberListQuery } from "~/admin/request-schemas.server";
import { RouteError } from "~/components/RouteError";
import { adminText } from "~/i18n";
import {
  countMembers,
  currentProgramVersion,
  hasMembers,
  InvalidCursorError,
  listMembers,
  SEARCH_CANDIDATES,
} from "~/services/admin-reads.server";
import { authenticate } from "~/shopify.server";
import { withDb, withSql } from "~/services/process-handles.server";

const t = adminText.members;
export const MEMBERS_PAGE_SIZE = 50;
/** Longer text matches no email or name anyone types; it is refused next to the field. */
export const MEMBER_SEARCH_MAX = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const params = memberListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) throw json({ message: params.error.issues[0].message }, { status: 400 });
  const { tier, sort, after, before } = params.data;
  // A search the list cannot run is answered next to the field, with the list as if unsearched.
  const searchError =
    params.data.q.length > MEMBER_SEARCH_MAX ? t.searchTooLong(MEMBER_SEARCH_MAX) : null;
  const q = searchError ? "" : params.data.q;
  const { program } = await withDb(currentProgramVersion)(session.shop);
  const tiers = [...program.tiers].sort((a, b) => a.threshold - b.threshold).map((t) => t.name);
  // Members with no tier recorded yet are in the entry tier.
  const tierNames = tier ? (tier === tiers[0] ? [null, tier] : [tier]) : null;
  try {
    const [page, total] = await Promise.all([
      withSql(listMembers)(session.shop, {
        search: q,
        tierNames,
        sort,
        after: after ?? null,
        before: before ?? null,
        limit: MEMBERS_PAGE_SIZE,
      }),
      withSql(countMembers)(session.shop, { search: q, tierNames }),
    ]);
    const anyMember =
      page.members.length > 0 || Boolean(q || tier || after || before)
        ? true
        : await withDb(hasMembers)(session.shop);
    return json({
      ...page,
      total: { count: total.count, atLeast: total.atLeast || page.searchTruncated },
      searchCandidates: SEARCH_CANDIDATES,
      tiers,
      entryTier: tiers[0],
      query: { q: searchError ? params.data.q : q, tier, sort },
      searchError,
      anyMember,
      pointsName: program.pointsName,
    });
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw json({ message: t.invalidCursor }, { status: 400 });
    throw error;
  }
}

function displayName(member: { firstName: string | null; lastName: string | null }) {
  return [member.firstName, member.lastName].filter(Boolean).join(" ") || t.unnamed;
}

export default function MembersPage() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const [q, setQ] = useState(data.query.q);
  const [tier, setTier] = useState(data.query.tier);
  const [sort, setSort] = useState<string>(data.query.sort);
  // Checked before the search leaves the page, so the list stays as it is.
  const [searchError, setSearchError] = useState<string | null>(null);
  // A phone-sized frame: one column per member (name, email, tier and balance), nothing cut off.
  const { smDown } = useBreakpoints();

  if (!data.anyMember) {
    return (
      <Page title={t.title}>
        <Card>
          <EmptyState heading={t.empty} image="">
            <p>{t.emptyHelp}</p>
          </EmptyState>
        </Card>
      </Page>
    );
  }

  // Another page of this list on its way (a search, a filter, the next page): the frame's skeleton
  // covers other pages only, so the table itself gives way to one.
  const listLoading =
    navigation.state === "loading" && navigation.location.pathname === "/app/members";
  const pageParams = (cursor: { after?: string; before?: string }) => {
    const params = new URLSearchParams(searchParams);
    params.delete("after");
    params.delete("before");
    if (cursor.after) params.set("after", cursor.after);
    if (cursor.before) params.set("before", cursor.before);
    return `/app/members?${params}`;
  };

  return (
    <Page title={t.title}>
      <BlockStack gap="400">
        <Card>
          <Form
            method="get"
            role="search"
            onSubmit={(event) => {
              const tooLong = q.length > MEMBER_SEARCH_MAX;
              setSearchError(tooLong ? t.searchTooLong(MEMBER_SEARCH_MAX) : null);
              if (tooLong) event.preventDefault();
            }}
          >
            <InlineStack gap="300" blockAlign="end">
              <div style={{ flex: 2, minWidth: 220 }}>
                <TextField
                  label={t.search}
                  name="q"
                  value={q}
                  onChange={(value) => {
                    setQ(value);
                    if (value.length <= MEMBER_SEARCH_MAX) setSearchError(null);
                  }}
                  error={searchError ?? data.searchError ?? undefined}
                  placeholder={t.searchPlaceholder}
                  autoComplete="off"
                  clearButton
                  onClearButtonClick={() => setQ("")}
                />
              </div>
              <Select
                label={t.tier}
                name="tier"
                options={[
                  { label: t.allTiers, value: "" },
                  ...data.tiers.map((name) => ({ label: name, value: name })),
                ]}
                value={tier}
                onChange={setTier}
              />
              <Select
                label={t.sort}
                name="sort"
                options={[
                  { label: t.sortBalance, value: "balance" },
                  { label: t.sortLifetime, value: "lifetime" },
                ]}
                value={sort}
                onChange={setSort}
              />
              <Button submit variant="primary" loading={listLoading}>
                {t.apply}
              </Button>
            </InlineStack>
          </Form>
        </Card>
        {data.searchTruncated ? (
          <Banner tone="info">{t.searchTruncated(data.searchCandidates)}</Banner>
        ) : null}
        {listLoading ? (
          <Card>
            <div role="status" aria-label={t.loading}>
              <SkeletonBodyText lines={10} />
            </div>
          </Card>
        ) : (
          <Card padding="0">
            <Box padding="300">
              <Text as="p" tone="subdued" variant="bodySm">
                <span data-testid="members-total">
                  {data.query.q && !data.searchError
                    ? t.totalOfSearch(data.total.count, data.total.atLeast)
                    : t.total(data.total.count, data.total.atLeast)}
                </span>
              </Text>
            </Box>
            <IndexTable
              resourceName={t.resource}
              itemCount={data.members.length}
              selectable={false}
              condensed={smDown}
              emptyState={
                <div style={{ padding: 16 }}>
                  <EmptyState heading={t.noMatch} image="">
                    <p>{t.noMatchHelp}</p>
                  </EmptyState>
                </div>
              }
              headings={[
                { title: t.name },
                { title: t.email },
                { title: t.tier },
                { title: t.balance, alignment: "end" },
                { title: t.lifetime, alignment: "end" },
                { title: t.orders, alignment: "end" },
              ]}
            >
              {data.members.map((member, index) => (
                <IndexTable.Row id={member.id} key={member.id} position={index}>
                  {smDown ? (
                    <IndexTable.Cell>
                      <div data-testid="member-card" style={{ width: "100%" }}>
                        <InlineStack
                          align="space-between"
                          blockAlign="start"
                          wrap={false}
                          gap="200"
                        >
                          <BlockStack gap="050">
                            <Link url={`/app/members/${member.id}`} removeUnderline>
                              {displayName(member)}
                            </Link>
                            <Text as="span" tone="subdued" variant="bodySm" breakWord>
                              {member.email ?? ""}
                            </Text>
                            <span>
                              <Badge>{member.tierName ?? data.entryTier}</Badge>
                            </span>
                          </BlockStack>
                          <BlockStack gap="050" inlineAlign="end">
                            <Text as="span" variant="headingSm" numeric>
                              {formatCount(member.balance)}
                            </Text>
                            <Text as="span" tone="subdued" variant="bodySm">
                              {t.balance}
                            </Text>
                          </BlockStack>
                        </InlineStack>
                      </div>
                    </IndexTable.Cell>
                  ) : (
                    <>
                      <IndexTable.Cell>
                        <Link url={`/app/members/${member.id}`} removeUnderline>
                          {displayName(member)}
                        </Link>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{member.email ?? ""}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <Badge>{member.tierName ?? data.entryTier}</Badge>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>
                          {formatCount(member.balance)}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>
                          {formatCount(member.lifetimeEarned)}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>
                        <Text as="span" alignment="end" numeric>
                          {formatCount(member.orderCount)}
                        </Text>
                      </IndexTable.Cell>
                    </>
                  )}
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        )}
        <InlineStack gap="300" align="center">
          {data.previousCursor ? (
            <>
              <Button url={pageParams({})}>{t.firstPage}</Button>
              <Button url={pageParams({ before: data.previousCursor })}>{t.previousPage}</Button>
            </>
          ) : null}
          {data.nextCursor ? (
            <Button url={pageParams({ after: data.nextCursor })}>{t.nextPage}</Button>
          ) : null}
        </InlineStack>
      </BlockStack>
    </Page>
  );
}

export const ErrorBoundary = RouteError;
