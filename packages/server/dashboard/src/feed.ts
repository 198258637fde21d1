// The change feed (GET /v1/feed, Server-Sent Events) read with fetch, so the credential
// travels in the Authorization header (EventSource cannot send one, and a secret never goes
// in the URL). Reconnects from the last id seen, as EventSource would.

/** One `change` frame's data: what the dashboard needs of it. */
export interface FeedChange {
  readonly position: string;
  readonly type: string;
}

/** Parses one SSE frame (its lines); null for comments, heartbeats and other events. */
export function parseFrame(frame: string): FeedChange | null {
  let event = 'message';
  let id: string | null = null;
  let data = '';
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data += data === '' ? value : `\n${value}`;
  }
  if (event !== 'change' || id === null) return null;
  let type = '';
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null && 'type' in parsed)
      type = typeof parsed.type === 'string' ? parsed.type : '';
  } catch {
    return null;
  }
  return { position: id, type };
}

/** The feed's state, for the page's "live" indicator. */
export type FeedState = 'connecting' | 'live' | 'offline' | 'refused';

/**
 * Follows the feed from just after `from` (the log position the page's documents reflect;
 * null: from the start) until `signal` aborts, calling
 * `onChange` for each change and `onState` as the connection comes and goes. A refused
 * credential (401/403) stops it; anything else is retried after two seconds.
 */
export async function followFeed(
  credential: string,
  from: string | null,
  signal: AbortSignal,
  onChange: (c: FeedChange) => void,
  onState: (s: FeedState) => void,
): Promise<void> {
  let last = from;
  while (!signal.aborted) {
    onState('connecting');
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${credential}`,
        accept: 'text/event-stream',
      };
      if (last !== null) headers['last-event-id'] = last;
      const res = await fetch('/v1/feed', { headers, signal, cache: 'no-store' });
      if (res.status === 401 || res.status === 403) {
        onState('refused');
        return;
      }
      if (!res.ok || res.body === null) throw new Error(`the feed answered ${res.status}`);
      onState('live');
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, '\n');
        for (let cut = buffer.indexOf('\n\n'); cut !== -1; cut = buffer.indexOf('\n\n')) {
          const change = parseFrame(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          if (change === null) continue;
          last = change.position;
          onChange(change);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    onState('offline');
    await new Promise((r) => setTimeout(r, 2000));
  }
}
