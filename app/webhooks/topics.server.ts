// Every topic Tally handles, by name: a dead letter is replayed through its topic's pipeline, the same
// admit + apply path a live delivery takes (today's code). Routes keep their own `webhookAction`.
import { appUninstalled } from "./app.server";
import { customersDataRequest, customersRedact, shopRedact } from "./compliance.server";
import {
  collectionsCreate,
  collectionsDelete,
  collectionsUpdate,
  productsCreate,
  productsDelete,
  productsUpdate,
} from "./catalogue.server";
import { customersCreate } from "./customers.server";
import { ordersCancelled, ordersPaid, ordersUpdated, refundsCreate } from "./orders.server";
import {
  namesTopic,
  webhookPipeline,
  type WebhookPipeline,
  type WebhookSpec,
} from "./receive.server";

// Each spec's payload type differs; a pipeline only hands its own admit's payload to its own apply.
const SPECS = [
  ordersPaid,
  ordersUpdated,
  ordersCancelled,
  refundsCreate,
  customersCreate,
  collectionsCreate,
  collectionsUpdate,
  collectionsDelete,
  productsCreate,
  productsUpdate,
  productsDelete,
  appUninstalled,
  customersDataRequest,
  customersRedact,
  shopRedact,
] as unknown as WebhookSpec<unknown>[];

const pipelines = new Map<string, WebhookPipeline>();

/** The pipeline of a topic, named as Tally does ("orders/paid") or as a header may ("ORDERS_PAID"). */
export function pipelineForTopic(topic: string): WebhookPipeline | null {
  const known = pipelines.get(topic);
  if (known) return known;
  const spec = SPECS.find((candidate) => namesTopic(topic, candidate.topic));
  if (!spec) return null;
  const pipeline = webhookPipeline(spec);
  pipelines.set(topic, pipeline);
  return pipeline;
}
