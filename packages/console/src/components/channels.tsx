import type { Schemas } from '../api.js';

type Channel = Schemas['Channel'];

export const CHANNELS: ReadonlyArray<readonly [Channel, string]> = [
  ['sms', 'SMS'],
  ['email', 'Email'],
  ['push', 'Push'],
];

/** The channels after a first choice that means "any" or "not said" (the empty value). */
export const channelsOr = (none: string): ReadonlyArray<readonly [Channel | '', string]> => [
  ['', none],
  ...CHANNELS,
];

/** The channel a list shows, or all of them, beside the list. */
export function ChannelFilter(props: {
  value: Channel | '';
  onChange: (channel: Channel | '') => void;
}) {
  return (
    <label className="inline">
      Channel{' '}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as Channel | '')}>
        {channelsOr('All').map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
