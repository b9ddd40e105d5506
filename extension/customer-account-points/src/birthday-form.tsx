// The customer's birthday on the Points page: entered once, with consent (the server keeps it as month
// and day and refuses a second change); afterwards it is shown, not editable.
import { useState } from 'preact/hooks';
import type { Translator } from '../../shared/format';
import { ExtensionApiError } from '../../shared/extension-client';

export function BirthdayForm({ tr, birthday, save, onSaved }: {
  tr: Translator;
  birthday: string | null;
  save: (month: number, day: number) => Promise<unknown>;
  onSaved: () => void;
}) {
  const [date, setDate] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (birthday) {
    const [month, day] = birthday.split('-').map(Number);
    const shown = new Intl.DateTimeFormat(tr.locale, { month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month! - 1, day!)));
    return <s-section heading={tr.t('birthdayTitle')}><s-text>{tr.t('birthdaySaved', { date: shown })}</s-text></s-section>;
  }
  const submit = async () => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!match || !consent) return;
    try {
      await save(Number(match[2]), Number(match[3]));
      onSaved();
    } catch (failure) {
      setError(failure instanceof ExtensionApiError && failure.status === 409 ? tr.t('birthdayTaken') : tr.t('error'));
    }
  };
  return (
    <s-section heading={tr.t('birthdayTitle')}>
      <s-stack gap="small-200">
        <s-text>{tr.t('birthdayIntro')}</s-text>
        {error && <s-banner tone="critical">{error}</s-banner>}
        <s-date-field label={tr.t('birthdayTitle')} value={date} onChange={(event) => setDate(event.currentTarget.value ?? "")} />
        <s-checkbox label={tr.t('birthdayConsent')} checked={consent} onChange={(event) => setConsent(event.currentTarget.checked === true)} />
        <s-button disabled={!consent || !date} onClick={() => void submit()}>{tr.t('birthdaySave')}</s-button>
      </s-stack>
    </s-section>
  );
}
