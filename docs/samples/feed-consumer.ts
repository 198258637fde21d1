import * as http from 'node:http';

/** One change of the feed: the SSE id is its log position. */
export interface Change {
  readonly position: string;
  readonly stream: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly items: Readonly<Record<string, readonly string[]>>;
}

/**
 * Follows `GET /v1/feed` from just after `lastPosition` (null: from the start), hands each
 * change to `onChange`, and returns the last position seen when the stream ends or
 * `enough` says so. Keep that position (with what onChange did) and pass it back to
 * resume: the server starts right after it, with no gap and no duplicate, even if it
 * restarted meanwhile.
 */
export function followFeed(
  baseUrl: string,
  key: string,
  lastPosition: string | null,
  onChange: (change: Change) => void,
  enough: () => boolean,
): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let last = lastPosition;
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (last !== null) headers['last-event-id'] = last;
    const req = http.get(`${baseUrl}/v1/feed`, { headers }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`the feed answered ${res.statusCode ?? 0}`));
      }
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        for (let cut = buffer.indexOf('\n\n'); cut !== -1; cut = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, cut).split('\n');
          buffer = buffer.slice(cut + 2);
          if (!frame.includes('event: change')) continue; // heartbeats, the close event
          const data = frame.find((l) => l.startsWith('data: '))?.slice(6) ?? '{}';
          const change = JSON.parse(data) as Change;
          onChange(change);
          last = change.position;
          if (enough()) {
            req.destroy();
            return resolve(last);
          }
        }
      });
      res.on('end', () => resolve(last)); // the server closed it: reconnect from `last`
    });
    req.on('error', (e) => (req.destroyed ? resolve(last) : reject(e)));
  });
}
