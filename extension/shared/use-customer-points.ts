// The state the checkout and customer-account extensions share: the customer's summary, loading it,
// asking before points are spent, redeeming and polling until the card exists. Preact hooks over
// the /ext/customer/* client; each extension renders it with its own Polaris web components.
import { useEffect, useState } from 'preact/hooks';
import { redeemUntilSettled, type ExtensionClient } from './extension-client';
import type { CustomerSummary, RedeemAnswer, RewardView } from '../../web/contracts/storefront-api';
import { newIdempotencyKey, redeemErrorNotice, unsettledRedemptionNotice, type Notice } from './present';
import type { Translator } from './format';

export interface CustomerPoints {
  summary: CustomerSummary | null;
  notice: Notice | null;
  /** The reward whose "spend N points?" question is open */
  confirming: RewardView | null;
  busy: string | null;
  ask(reward: RewardView | null): void;
  /** Redeems the reward being confirmed; `onCode` gets the code of a card that exists. */
  redeem(onCode: (code: string, answer: RedeemAnswer) => Promise<Notice>): Promise<void>;
  reload(): Promise<void>;
}

export function useCustomerPoints(client: ExtensionClient, tr: Translator): CustomerPoints {
  const [summary, setSummary] = useState<CustomerSummary | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState<RewardView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const reload = async () => {
    try {
      setSummary(await client.summary());
    } catch {
      setNotice({ status: 'critical', text: tr.t('error') });
    }
  };
  useEffect(() => void reload(), []);

  const redeem: CustomerPoints['redeem'] = async (onCode) => {
    if (!confirming || busy) return;
    setBusy(confirming.id);
    setConfirming(null);
    setNotice(null);
    try {
      const answer = await redeemUntilSettled(client, confirming.id, newIdempotencyKey());
      setNotice(answer.code ? await onCode(answer.code, answer) : unsettledRedemptionNotice(answer.redemption, tr));
    } catch (error) {
      setNotice(redeemErrorNotice(error, tr));
    }
    setBusy(null);
    await reload();
  };

  return { summary, notice, confirming, busy, ask: setConfirming, redeem, reload };
}
