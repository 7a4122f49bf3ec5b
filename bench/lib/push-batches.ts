/** Pushes pre-built gzipped agent batches with `inFlight` requests at a time, retrying 429/503 as an agent would. */
export async function pushAll(url: string, token: string, bodies: Buffer[], inFlight: number): Promise<void> {
  let next = 0;
  const pusher = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      for (;;) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body,
        });
        await res.arrayBuffer();
        if (res.ok) break;
        if (res.status !== 503 && res.status !== 429) throw new Error(`push failed: ${res.status}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, pusher));
}
