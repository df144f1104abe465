// The non-empty lines of a bulk operation's JSONL file, read as a stream (one line in memory).
import { createInterface } from "node:readline";
import { Readable } from "node:stream";

export async function* jsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const lines = createInterface({
    input: Readable.fromWeb(body as import("node:stream/web").ReadableStream),
    crlfDelay: Infinity,
  });
  for await (const line of lines) if (line.trim()) yield line;
}
