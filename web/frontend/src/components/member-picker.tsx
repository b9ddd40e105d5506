// Find a member by part of the name, e-mail or phone (GET /api/members?query=).
import { Autocomplete, Icon } from '@shopify/polaris';
import { SearchIcon } from '@shopify/polaris-icons';
import { useState } from 'react';
import { useApiQuery, withQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import type { Member, Page } from '../../../contracts/admin-api';
import { memberName } from '../lib/member-name';
import { useDebounced } from '../lib/use-debounced';

export interface PickedMember {
  id: string;
  label: string;
}

export function MemberPicker({ label, value, onChange }: { label: string; value: PickedMember | null; onChange(member: PickedMember | null): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value?.label ?? '');
  const query = useDebounced(text.trim());
  const searching = query !== '' && query !== value?.label;
  const { data, loading } = useApiQuery<Page<Member>>(searching ? withQuery('/api/members', { query, limit: 10 }) : null);
  const options = searching
    ? (data?.items ?? []).map((member) => ({
        value: member.id,
        label: [memberName(member), member.email].filter(Boolean).filter((part, index, all) => all.indexOf(part) === index).join(' · '),
      }))
    : [];

  return (
    <Autocomplete
      options={options}
      selected={value ? [value.id] : []}
      loading={searching && loading}
      emptyState={searching && !loading ? <div style={{ padding: 12 }}>{t('memberPicker.none')}</div> : undefined}
      onSelect={([id]) => {
        const option = options.find((candidate) => candidate.value === id);
        if (!option) return;
        const picked = { id: option.value, label: option.label.split(' · ')[0] ?? option.label };
        setText(picked.label);
        onChange(picked);
      }}
      textField={
        <Autocomplete.TextField
          label={label}
          autoComplete="off"
          value={text}
          placeholder={t('memberPicker.placeholder')}
          prefix={<Icon source={SearchIcon} />}
          clearButton
          onClearButtonClick={() => {
            setText('');
            onChange(null);
          }}
          onChange={(next) => {
            setText(next);
            if (next.trim() === '') onChange(null);
          }}
        />
      }
    />
  );
}
