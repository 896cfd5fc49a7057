// The picture: my records on the left, who holds them on the right, a line for each grant
// of a record. Drawn as plain SVG — two columns and curves need no chart library — with
// colours from the stylesheet (light and dark; no inline styles under the CSP). Every node
// is a button: focus, hover or click shows its terms and dates beside the picture, and
// lights up its lines. The table below says the same for screen readers.
import type { KeyboardEvent } from 'react';
import { count } from '../lib/format.ts';
import type { MapHolder, MapRecord, PrivacyMap } from './map-model.ts';
import { holderLabel, kindWords } from './map-words.ts';

const WIDTH = 760;
const COLUMN = 250;
const ROW = 58;
const NODE = 46;
const TOP = 34;
const RIGHT = WIDTH - COLUMN;

/** Which node the details show: `record:<id>` or `holder:<key>`. */
export type NodeKey = string;

export interface MapPictureProps {
  readonly map: PrivacyMap;
  readonly active: NodeKey | undefined;
  readonly selected: NodeKey | undefined;
  readonly onSelect: (key: NodeKey) => void;
  readonly onHover: (key: NodeKey | undefined) => void;
}

/** SVG text does not wrap or ellipsise: cut long names, the full text is in the label. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Rows centred against the taller column, so short columns sit in the middle. */
function rowTop(index: number, rows: number, tallest: number): number {
  return TOP + ((tallest - rows) * ROW) / 2 + index * ROW;
}

export function MapPicture({ map, active, selected, onSelect, onHover }: MapPictureProps) {
  const tallest = Math.max(map.records.length, map.holders.length, 1);
  const height = TOP + tallest * ROW;
  const recordY = new Map(map.records.map((record, i) => [record.id, rowTop(i, map.records.length, tallest)]));
  const holderY = new Map(map.holders.map((holder, i) => [holder.key, rowTop(i, map.holders.length, tallest)]));
  const touches = (link: { record: string; holder: string }) => active === `record:${link.record}` || active === `holder:${link.holder}`;
  // Live lines last, so they are drawn over ended ones between the same two nodes.
  const links = [...map.links].sort((a, b) => Number(a.state === 'live') - Number(b.state === 'live') || Number(touches(a)) - Number(touches(b)));

  const nodeEvents = (key: NodeKey): NodeEvents => ({
    tabIndex: 0,
    role: 'button',
    'aria-pressed': selected === key,
    onClick: () => onSelect(key),
    onFocus: () => onSelect(key),
    onMouseEnter: () => onHover(key),
    onMouseLeave: () => onHover(undefined),
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect(key);
      }
    },
  });

  return (
    <svg className="privacy-picture" viewBox={`0 0 ${WIDTH} ${height}`} role="group" aria-label="Picture of who holds your data">
      <text className="column-title" x={0} y={18} aria-hidden="true">
        Your records
      </text>
      <text className="column-title" x={RIGHT} y={18} aria-hidden="true">
        Who holds them
      </text>
      <g aria-hidden="true">
        {links.map((link) => {
          const y1 = (recordY.get(link.record) ?? 0) + NODE / 2;
          const y2 = (holderY.get(link.holder) ?? 0) + NODE / 2;
          const state = `map-link ${link.state}${active === undefined ? '' : touches(link) ? ' lit' : ' dim'}`;
          return (
            <path
              key={`${link.grant.id}:${link.record}`}
              className={state}
              d={`M ${COLUMN} ${y1} C ${COLUMN + 110} ${y1}, ${RIGHT - 110} ${y2}, ${RIGHT} ${y2}`}
            />
          );
        })}
      </g>
      {map.records.map((record) => (
        <RecordNode key={record.id} record={record} y={recordY.get(record.id) ?? 0} holders={map.links.filter((l) => l.record === record.id && l.state === 'live').length} lit={active === `record:${record.id}`} events={nodeEvents(`record:${record.id}`)} />
      ))}
      {map.holders.map((holder) => (
        <HolderNode
          key={holder.key}
          holder={holder}
          y={holderY.get(holder.key) ?? 0}
          records={new Set(map.links.filter((l) => l.holder === holder.key && l.state === 'live').map((l) => l.record)).size}
          lit={active === `holder:${holder.key}`}
          events={nodeEvents(`holder:${holder.key}`)}
        />
      ))}
    </svg>
  );
}

/** What makes a node a keyboard- and pointer-usable button. */
interface NodeEvents {
  readonly tabIndex: number;
  readonly role: string;
  readonly 'aria-pressed': boolean;
  readonly onClick: () => void;
  readonly onFocus: () => void;
  readonly onMouseEnter: () => void;
  readonly onMouseLeave: () => void;
  readonly onKeyDown: (event: KeyboardEvent) => void;
}

function RecordNode({ record, y, holders, lit, events }: { record: MapRecord; y: number; holders: number; lit: boolean; events: NodeEvents }) {
  const label = `${record.category === '' ? '' : `${record.category}: `}${record.label}, held by ${holders === 0 ? 'no one now' : count(holders, 'holder')}`;
  return (
    <g className={`map-node record${lit ? ' lit' : ''}`} transform={`translate(0 ${y})`} aria-label={label} {...events}>
      <title>{label}</title>
      <rect width={COLUMN} height={NODE} rx={8} />
      <text className="node-kind" x={12} y={17}>
        {clip(record.category === '' ? 'Deleted record' : record.category, 34)}
      </text>
      <text className="node-name" x={12} y={36}>
        {clip(record.label, 27)}
      </text>
    </g>
  );
}

function HolderNode({ holder, y, records, lit, events }: { holder: MapHolder; y: number; records: number; lit: boolean; events: NodeEvents }) {
  const label = holderLabel(holder, records);
  const waiting = holder.awaitingDeletion.length > 0;
  const classes = ['map-node', 'holder', holder.kind, holder.live ? 'live' : 'ended', waiting ? 'awaiting' : '', lit ? 'lit' : ''].filter(Boolean).join(' ');
  return (
    <g className={classes} transform={`translate(${RIGHT} ${y})`} aria-label={label} {...events}>
      <title>{label}</title>
      <rect width={COLUMN} height={NODE} rx={holder.kind === 'person' ? NODE / 2 : 8} />
      <text className="node-kind" x={16} y={17}>
        {clip(waiting ? `${kindWords(holder)} · not deleted` : kindWords(holder), 34)}
      </text>
      <text className="node-name" x={16} y={36}>
        {clip(holder.name, 24)}
      </text>
      {waiting ? (
        <g className="warning-mark" transform={`translate(${COLUMN - 22} ${NODE / 2})`}>
          <circle r={10} />
          <text textAnchor="middle" y={5}>
            !
          </text>
        </g>
      ) : (
        <text className="node-count" x={COLUMN - 12} y={36} textAnchor="end">
          {holder.live ? count(records, 'record') : 'ended'}
        </text>
      )}
    </g>
  );
}
