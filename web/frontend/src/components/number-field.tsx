// A number typed as text: the field keeps what the merchant types ("12." on the way to "12.50") and
// reports the parsed value, scaled to whole units (money in minor units: scale = minor units per
// major). Not a number (empty, letters, too many decimals) is reported as NaN for the form to flag.
import { TextField } from '@shopify/polaris';
import { useEffect, useState, type ComponentProps } from 'react';

type Props = Omit<ComponentProps<typeof TextField>, 'value' | 'onChange' | 'type' | 'autoComplete'> & {
  value: number;
  onChange(value: number): void;
  /** displayed value × scale = the value (100 for cents) */
  scale?: number;
};

function format(value: number, scale: number): string {
  if (!Number.isFinite(value)) return '';
  return String(value / scale);
}

function parse(text: string, scale: number): number {
  const trimmed = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return Number.NaN;
  const scaled = Number(trimmed) * scale;
  // More decimals than the unit has (0.001 EUR) is not a whole number of minor units.
  return Math.abs(scaled - Math.round(scaled)) < 1e-6 ? Math.round(scaled) : Number.NaN;
}

export function NumberField({ value, onChange, scale = 1, ...rest }: Props) {
  const [text, setText] = useState(() => format(value, scale));
  useEffect(() => {
    const parsed = parse(text, scale);
    if (parsed !== value && !(Number.isNaN(parsed) && Number.isNaN(value))) setText(format(value, scale));
    // Only an outside change of the value rewrites the text (not each keystroke).
  }, [value, scale]);
  return (
    <TextField
      {...rest}
      type="text"
      inputMode={scale > 1 ? 'decimal' : 'numeric'}
      autoComplete="off"
      value={text}
      onChange={(next) => {
        setText(next);
        onChange(parse(next, scale));
      }}
    />
  );
}
