// The Admin API stand-in for bench:import --customers unknown, in a process of its own (its memory and
// CPU are not the import's): the shop's N customers (ids 9,000,001…, emails import<i>@example.com, as
// the bench's file names them). Prints its URL, then one JSON line per answered request with its time,
// which the bench sums as "the stand-in's time".
//   node --import tsx bench/analytics/import-standin.ts <shop> <customers>
import { createAdminApiStandin } from "../../admin-api-standin/admin-api-standin.server";
import { serveStandin } from "../../scripts/demo/standin-http";

const [shop, count] = process.argv.slice(2);
const standin = createAdminApiStandin();
const customers = standin.state.shop(shop).customers;
for (let i = 1; i <= Number(count); i++)
  customers.push({
    id: `gid://shopify/Customer/${9_000_000 + i}`,
    email: `import${i}@example.com`,
  });
const { server, url } = await serveStandin(standin, 0, (path, ms) =>
  console.log(JSON.stringify({ standin: path.includes("/bulk/") ? "download" : "graphql", ms })),
);
console.log(JSON.stringify({ url }));
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.once(signal, () => server.close(() => process.exit(0)));
