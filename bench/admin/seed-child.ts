// Seeds the demo's year (scripts/demo/seed-demo.ts) into DATABASE_URL for bench:admin-vitals. A
// process of its own: the app's database handles read DATABASE_URL once, when first imported.
//   DATABASE_URL=… npx tsx bench/admin/seed-child.ts <shop> <api secret>
import { argv, exit } from "node:process";

const [shop, secret] = argv.slice(2);
const { seedDemoShop } = await import("../../scripts/demo/seed-demo");
await seedDemoShop({ shop, secret, customers: 20, now: new Date() });
exit(0);
