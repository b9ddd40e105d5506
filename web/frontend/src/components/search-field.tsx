import { Icon, TextField } from '@shopify/polaris';
import { SearchIcon } from '@shopify/polaris-icons';

/** The search box above a list: label for screen readers only, a clear button, no browser autocomplete. */
export function SearchField({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string; onChange(value: string): void }) {
  return (
    <TextField
      label={label}
      labelHidden
      placeholder={placeholder}
      prefix={<Icon source={SearchIcon} />}
      autoComplete="off"
      value={value}
      onChange={onChange}
      clearButton
      onClearButtonClick={() => onChange('')}
    />
  );
}
