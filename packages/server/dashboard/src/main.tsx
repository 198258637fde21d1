// The improvement dashboard: signs in with a key or token (kept in sessionStorage, sent as
// `Authorization`), reads /v1 at the URL's point of view, and follows /v1/feed to stay live.
import * as E from 'fp-ts/Either';
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  getDoc,
  Risks,
  Seal,
  Status,
  Tracker,
  Trail,
  type ApiError,
  type Pov,
  type TrailRow,
} from './api';
import { followFeed, type FeedState } from './feed';
import { searchOf, viewOf, type View } from './view';
import { RisksSection, StatusSection, TrackerSection, TrailSection } from './views';
import './styles.css'; // bundled by Vite

const KEY = 'assure.credential';

/** The documents of one point of view, and the log position they reflect. */
interface Docs {
  readonly status: Status;
  readonly tracker: Tracker;
  readonly risks: Risks;
  readonly seal: Seal | null;
  readonly position: string | null;
}

const message = (e: ApiError): string => `${e.title}: ${e.detail}`;

async function load(credential: string, pov: Pov): Promise<E.Either<ApiError, Docs>> {
  const [status, tracker, risks, seal] = await Promise.all([
    getDoc(credential, '/v1/status', Status, pov),
    getDoc(credential, '/v1/tracker', Tracker, pov),
    getDoc(credential, '/v1/risks', Risks, pov),
    getDoc(credential, '/v1/audit/seal', Seal, { asAt: null, knownAt: null }),
  ]);
  if (E.isLeft(status)) return status;
  if (E.isLeft(tracker)) return tracker;
  if (E.isLeft(risks)) return risks;
  if (E.isLeft(seal) && seal.left.status !== 404) return seal;
  return E.right({
    status: status.right.doc,
    tracker: tracker.right.doc,
    risks: risks.right.doc,
    seal: E.isRight(seal) ? seal.right.doc : null,
    position: status.right.position,
  });
}

async function loadTrail(
  credential: string,
  stream: string,
  pov: Pov,
): Promise<E.Either<ApiError, TrailRow[]>> {
  const rows: TrailRow[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const got: E.Either<ApiError, { doc: Trail }> = await getDoc(
      credential,
      `/v1/trail/${encodeURIComponent(stream)}`,
      Trail,
      pov,
      after === null ? {} : { after },
    );
    if (E.isLeft(got)) return got;
    rows.push(...got.right.doc.rows);
    after = got.right.doc.next;
    if (after === null) break;
  }
  return E.right(rows);
}

function SignIn({ onSignedIn, error }: { onSignedIn: (c: string) => void; error: string | null }) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(error);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const credential = value.trim();
    if (credential === '') {
      setFailure('Enter the API key or token you were given.');
      return;
    }
    setBusy(true);
    const tried = await getDoc(credential, '/v1/status', Status, { asAt: null, knownAt: null });
    setBusy(false);
    if (E.isLeft(tried)) setFailure(message(tried.left));
    else onSignedIn(credential);
  };
  return (
    <>
      <header class="banner">
        <h1>Improvement dashboard</h1>
      </header>
      <main id="main" class="signin">
        <h2>Sign in</h2>
        <p>
          Enter the API key (it starts with <code>assure_</code>) or the token you were given. It is
          kept only in this browser tab and sent to this server alone; closing the tab forgets it.
        </p>
        <form onSubmit={(e) => void submit(e)}>
          <label for="credential">API key or token</label>
          <input
            id="credential"
            name="credential"
            type="password"
            autocomplete="off"
            spellcheck={false}
            value={value}
            aria-describedby={failure === null ? undefined : 'signin-error'}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        {failure === null ? null : (
          <p id="signin-error" role="alert" class="error">
            {failure}
          </p>
        )}
      </main>
    </>
  );
}

/** `2019-10-31T12:00:00.000Z` as `2019-10-31T12:00` for a datetime-local input (UTC). */
const localInput = (iso: string | null): string => (iso === null ? '' : iso.slice(0, 16));

/** A labelled day or instant of the time-travel form. */
function TimeField(props: {
  label: string;
  type: 'date' | 'datetime-local';
  name: string;
  value: string;
  onValue: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        type={props.type}
        name={props.name}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </label>
  );
}

function TimeTravel({ view, onView }: { view: View; onView: (p: Partial<View>) => void }) {
  const [asAt, setAsAt] = useState(view.asAt ?? '');
  const [knownAt, setKnownAt] = useState(localInput(view.knownAt));
  useEffect(() => {
    setAsAt(view.asAt ?? '');
    setKnownAt(localInput(view.knownAt));
  }, [view.asAt, view.knownAt]);
  return (
    <form
      class="timetravel no-print"
      aria-label="Time travel"
      onSubmit={(e) => {
        e.preventDefault();
        onView({
          asAt: asAt === '' ? null : asAt,
          knownAt: knownAt === '' ? null : `${knownAt}:00.000Z`,
        });
      }}
    >
      <TimeField
        label="As at (the day the picture is of)"
        type="date"
        name="asAt"
        value={asAt}
        onValue={setAsAt}
      />
      <TimeField
        label="As known at (only what was recorded by then, UTC)"
        type="datetime-local"
        name="knownAt"
        value={knownAt}
        onValue={setKnownAt}
      />
      <button type="submit">Show this view</button>
      <button type="button" onClick={() => onView({ asAt: null, knownAt: null })}>
        Back to today
      </button>
    </form>
  );
}

function sealText(docs: Docs): { text: string; ok: boolean } {
  const s = docs.seal;
  if (s === null)
    return {
      text: 'Ledger not sealed yet: changes cannot be checked until it is (assure seal).',
      ok: false,
    };
  const covered = docs.position !== null && BigInt(s.position) >= BigInt(docs.position);
  return {
    text:
      `Ledger sealed ${s.meta.recordedAt.slice(0, 10)} (${s.data.treeSize} events, fingerprint ${s.data.root.slice(0, 12)}…): ` +
      (covered
        ? 'everything shown is covered; a later change would be detected.'
        : 'changes recorded since then are not sealed yet.'),
    ok: covered,
  };
}

const FEED_WORD: Record<FeedState, string> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: updates appear as they are recorded',
  offline: 'Live updates interrupted: reconnecting…',
  refused: 'Live updates refused for this key',
};

function Dashboard({
  credential,
  onSignOut,
}: {
  credential: string;
  onSignOut: (why: string | null) => void;
}) {
  const [view, setView] = useState<View>(() => viewOf(location.search));
  const [docs, setDocs] = useState<Docs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [trail, setTrail] = useState<{
    stream: string;
    rows: TrailRow[] | null;
    error: string | null;
  } | null>(null);
  const [feed, setFeed] = useState<FeedState>('connecting');
  const [updated, setUpdated] = useState<string>('');
  const [tick, setTick] = useState(0);
  const pov: Pov = { asAt: view.asAt, knownAt: view.knownAt };
  const position = useRef<string | null>(null);
  const started = useRef(false);

  const onView = useCallback((patch: Partial<View>) => {
    setView((v) => {
      const next = { ...v, ...patch };
      history.pushState(null, '', `${location.pathname}${searchOf(next)}${location.hash}`);
      return next;
    });
  }, []);
  useEffect(() => {
    const pop = (): void => setView(viewOf(location.search));
    addEventListener('popstate', pop);
    return () => removeEventListener('popstate', pop);
  }, []);

  // The documents of the point of view, again on each change the feed reports.
  useEffect(() => {
    let stale = false;
    void load(credential, pov).then((r) => {
      if (stale) return;
      if (E.isLeft(r)) {
        if (r.left.status === 401) onSignOut(`Signed out: ${r.left.detail}`);
        else setError(message(r.left));
        return;
      }
      setError(null);
      setDocs(r.right);
      if (position.current === null) position.current = r.right.position;
      if (tick > 0)
        setUpdated(
          `Updated ${new Date().toISOString().slice(11, 19)} UTC after a change was recorded.`,
        );
    });
    return () => {
      stale = true;
    };
  }, [credential, view.asAt, view.knownAt, tick]);

  useEffect(() => {
    if (view.item === null) {
      setTrail(null);
      return;
    }
    const stream = view.item;
    let stale = false;
    setTrail((t) => (t?.stream === stream ? t : { stream, rows: null, error: null }));
    void loadTrail(credential, stream, pov).then((r) => {
      if (stale) return;
      setTrail(
        E.isLeft(r)
          ? { stream, rows: null, error: message(r.left) }
          : { stream, rows: r.right, error: null },
      );
    });
    return () => {
      stale = true;
    };
  }, [credential, view.item, view.asAt, view.knownAt, tick]);

  // The feed, from the position of the first documents read.
  useEffect(() => {
    if (docs === null || started.current) return;
    started.current = true;
    const stop = new AbortController();
    let pending: ReturnType<typeof setTimeout> | null = null;
    void followFeed(
      credential,
      position.current,
      stop.signal,
      () => {
        if (pending !== null) return;
        pending = setTimeout(() => {
          pending = null;
          setTick((n) => n + 1);
        }, 100);
      },
      setFeed,
    );
    return () => stop.abort();
  }, [docs === null]);

  // Opening a trail moves the focus to its heading once it is shown; closing it, back to the
  // control that opened it.
  const opener = useRef<HTMLElement | null>(null);
  const focusTrail = useRef(false);
  const open = (stream: string): void => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    focusTrail.current = true;
    onView({ item: stream });
  };
  const close = (): void => {
    onView({ item: null });
    if (opener.current?.isConnected === true) opener.current.focus();
    opener.current = null;
  };
  useEffect(() => {
    if (trail === null || !focusTrail.current) return;
    focusTrail.current = false;
    document.getElementById('trail-h')?.focus();
  }, [trail?.stream]);

  const areas =
    docs === null
      ? []
      : docs.status.programmes.flatMap((p) => p.areas.map((a) => ({ id: a.id, title: a.title })));
  const seal = docs === null ? null : sealText(docs);
  const stamp =
    docs === null
      ? ''
      : `As at ${docs.status.asAt}; as known at ${docs.status.knownAt ?? 'now (everything recorded)'}`;
  // Printed in the bottom margin of every page (styles.css, @page).
  const printStamp = `${stamp} · ${seal?.text ?? ''}`;
  useEffect(() => {
    document.documentElement.style.setProperty('--print-stamp', JSON.stringify(printStamp));
  }, [printStamp]);
  return (
    <>
      <a class="skip" href="#main">
        Skip to the dashboard
      </a>
      <header class="banner">
        <div class="banner-row">
          <h1>Improvement dashboard</h1>
          <button type="button" class="no-print signout" onClick={() => onSignOut(null)}>
            Sign out
          </button>
        </div>
        {docs === null ? null : (
          <div class="stamp" id="stamp">
            <p>
              <strong id="as-at-stamp">{stamp}</strong>
              {view.asAt !== null || view.knownAt !== null ? (
                <span class="travel no-print">
                  {' '}
                  (a chosen view: &ldquo;Back to today&rdquo; shows the latest)
                </span>
              ) : null}
            </p>
            <p id="verification" class={seal?.ok === true ? 'ok' : 'warn'}>
              {seal?.text}
            </p>
            <p class="no-print live" data-feed={feed}>
              {FEED_WORD[feed]}
            </p>
          </div>
        )}
        <nav aria-label="Sections" class="no-print">
          <ul>
            <li>
              <a href="#status">Status</a>
            </li>
            <li>
              <a href="#tracker">Tracker</a>
            </li>
            <li>
              <a href="#risks">Risks</a>
            </li>
            <li>
              <a href="#heat-h">Heat map</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <TimeTravel view={view} onView={onView} />
        <p class="visually-hidden" role="status" aria-live="polite" id="live-region">
          {updated}
        </p>
        {error === null ? null : (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        {trail === null ? null : (
          <TrailSection
            stream={trail.stream}
            rows={trail.rows}
            error={trail.error}
            onClose={close}
          />
        )}
        {docs === null ? (
          <p>Loading…</p>
        ) : (
          <>
            <StatusSection programmes={docs.status.programmes} policy={docs.status.policy} />
            <TrackerSection
              rows={docs.tracker.rows}
              areas={areas}
              view={view}
              onView={onView}
              onOpen={open}
            />
            <RisksSection rows={docs.risks.rows} onOpen={open} />
          </>
        )}
      </main>
    </>
  );
}

function App() {
  const [credential, setCredential] = useState<string | null>(() => sessionStorage.getItem(KEY));
  const [why, setWhy] = useState<string | null>(null);
  if (credential === null)
    return (
      <SignIn
        error={why}
        onSignedIn={(c) => {
          sessionStorage.setItem(KEY, c);
          setCredential(c);
        }}
      />
    );
  return (
    <Dashboard
      credential={credential}
      onSignOut={(reason) => {
        sessionStorage.removeItem(KEY);
        setWhy(reason);
        setCredential(null);
      }}
    />
  );
}

const palette = document.createElement('link');
palette.rel = 'stylesheet';
palette.href = '/palette.css';
document.head.append(palette);
const root = document.getElementById('app');
if (root !== null) render(<App />, root);
