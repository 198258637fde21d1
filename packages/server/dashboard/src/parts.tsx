// The dashboard's small shared parts: a sideways-scrolling region, a table's head row, the
// button that opens an item's trail, and the tracker's filters.
import type { ComponentChildren } from 'preact';
import type { View } from './view';

/**
 * A region that scrolls sideways on narrow screens, reachable by keyboard, with (when `hint`
 * names what scrolls) a note for touch screens that is hidden from print and screen readers.
 */
export function Scroll(props: {
  hint?: string;
  label?: string;
  labelledBy?: string;
  children: ComponentChildren;
}) {
  return (
    <>
      {props.hint === undefined ? null : (
        <p class="scroll-hint no-print" aria-hidden="true">
          Swipe or scroll the {props.hint} sideways to see every column.
        </p>
      )}
      <div
        class="scroll"
        tabIndex={0}
        role="region"
        aria-label={props.label}
        aria-labelledby={props.labelledBy}
      >
        {props.children}
      </div>
    </>
  );
}

/** A table's head row of column headers. */
export function HeadRow({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((l) => (
          <th key={l} scope="col">
            {l}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A button that opens the trail of `stream`. */
export function OpenTrail(props: {
  stream: string;
  onOpen: (stream: string) => void;
  risk?: string;
  children: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class="link"
      data-risk={props.risk}
      onClick={() => props.onOpen(props.stream)}
    >
      {props.children}
    </button>
  );
}

/** A tracker filter: a checkbox that keeps only the rows it names. */
export function FilterCheck(props: {
  name: 'overdue' | 'statutory';
  label: string;
  view: View;
  onView: (patch: Partial<View>) => void;
}) {
  return (
    <label class="check">
      <input
        type="checkbox"
        name={props.name}
        checked={props.view[props.name]}
        onChange={(e) => props.onView({ [props.name]: e.currentTarget.checked })}
      />
      {props.label}
    </label>
  );
}

/** A tracker filter: a choice of one value, or all (`null`). */
export function FilterSelect(props: {
  name: 'area' | 'source';
  label: string;
  all: string;
  options: readonly { value: string; label: string }[];
  view: View;
  onView: (patch: Partial<View>) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        name={props.name}
        value={props.view[props.name] ?? ''}
        onChange={(e) =>
          props.onView({
            [props.name]: e.currentTarget.value === '' ? null : e.currentTarget.value,
          })
        }
      >
        <option value="">{props.all}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
