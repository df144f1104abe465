// Reads a request body up to a byte limit, so an oversized body is refused (413) before it is
// buffered whole: a declared Content-Length over the limit is refused without reading at all.

/** The body's bytes, or null when it is larger than `limit` bytes. */
export async function readLimitedBytes(
  request: Request,
  limit: number,
): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return null;
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as text, or null when it is larger than `limit` bytes. */
export async function readLimited(request: Request, limit: number): Promise<string | null> {
  const bytes = await readLimitedBytes(request, limit);
  return bytes === null
    ? null
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * The request with its body passed through a counter that fails the stream past `limit` bytes, for
 * parsers that stream (multipart uploads to disk): `exceeded()` tells a size refusal from a malformed body.
 */
export function withBodyLimit(
  request: Request,
  limit: number,
): { request: Request; exceeded: () => boolean } {
  let size = 0;
  let over = Number(request.headers.get("content-length") ?? "0") > limit;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limit) {
        over = true;
        controller.error(new RangeError(`The body is larger than ${limit} bytes`));
        return;
      }
      controller.enqueue(chunk);
    },
  });
  const body = over || !request.body ? null : request.body.pipeThrough(counter);
  const limited = new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: over ? "" : body,
    duplex: "half",
    signal: request.signal,
  } as RequestInit);
  return { request: limited, exceeded: () => over };
}
