// "Adjust points": add or subtract points with a description the customer sees, a confirmation step,
// inline validation and the server's own error message in a banner. The idempotency key is made once
// per confirmation, so pressing Confirm twice (or retrying after a network error) never adjusts twice.
import { Banner, BlockStack, Box, ButtonGroup, Button, InlineStack, Modal, SkeletonBodyText, Text, TextField } from '@shopify/polaris';
import { useEffect, useState } from 'react';
import { ApiError, apiSend, toApiError, useApiQuery } from '../hooks/use-api';
import { useI18n } from '../hooks/use-i18n';
import { useEmailServer } from './email-server-banner';
import { useMe } from '../hooks/use-me';
import type { AdjustmentResult, Member, MemberDetail } from '../../../contracts/admin-api';
import { memberName } from '../lib/member-name';
import { newIdempotencyKey } from '../lib/ids';
import { showToast } from '../lib/toast';

export const DESCRIPTION_MAX_LENGTH = 300;

type Direction = 'add' | 'subtract';

export interface AdjustPointsModalProps {
  open: boolean;
  memberId: string;
  /** The member when the caller already has it; otherwise it is loaded (for the current balance). */
  member?: Member;
  /** Shown while the member loads (e.g. the name from a report row). */
  memberLabel?: string | null;
  onClose(): void;
  onAdjusted?(result: AdjustmentResult): void;
}


export function AdjustPointsModal({ open, memberId, member: givenMember, memberLabel, onClose, onAdjusted }: AdjustPointsModalProps) {
  const { t, formatNumber } = useI18n();
  const { configured: emailConfigured } = useEmailServer();
  const { permissions } = useMe();
  const loaded = useApiQuery<MemberDetail>(open && !givenMember ? `/api/members/${encodeURIComponent(memberId)}` : null);
  const member = givenMember ?? loaded.data?.member;

  const [direction, setDirection] = useState<Direction>('add');
  const [pointsText, setPointsText] = useState('');
  const [description, setDescription] = useState('');
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<ApiError>();
  const [idempotencyKey, setIdempotencyKey] = useState(() => newIdempotencyKey('adjust'));

  useEffect(() => {
    if (!open) return;
    setDirection('add');
    setPointsText('');
    setDescription('');
    setStep('edit');
    setTouched(false);
    setSaving(false);
    setServerError(undefined);
  }, [open, memberId]);

  const amount = /^\d+$/.test(pointsText.trim()) ? Number(pointsText.trim()) : NaN;
  const signed = direction === 'add' ? amount : -amount;
  const limit = permissions.adjustLimit;

  let pointsError: string | undefined;
  if (pointsText.trim() === '') pointsError = t('adjust.errors.pointsRequired');
  else if (!Number.isInteger(amount) || amount <= 0) pointsError = t('adjust.errors.pointsPositive');
  else if (amount > 10_000_000) pointsError = t('adjust.errors.pointsTooLarge', { max: formatNumber(10_000_000) });
  else if (limit !== null && amount > limit) pointsError = t('adjust.errors.overLimit', { limit: formatNumber(limit) });

  let descriptionError: string | undefined;
  if (description.trim() === '') descriptionError = t('adjust.errors.descriptionRequired');
  else if (description.length > DESCRIPTION_MAX_LENGTH) descriptionError = t('adjust.errors.descriptionTooLong', { max: DESCRIPTION_MAX_LENGTH });

  const newBalance = member && Number.isFinite(signed) ? member.balance + signed : undefined;
  const goesNegative = newBalance !== undefined && newBalance < 0;
  const valid = !pointsError && !descriptionError;
  const name = member ? memberName(member) : memberLabel ?? '';

  const review = () => {
    setTouched(true);
    if (!valid) return;
    setServerError(undefined);
    setIdempotencyKey(newIdempotencyKey('adjust'));
    setStep('confirm');
  };

  const confirm = async () => {
    setSaving(true);
    setServerError(undefined);
    try {
      const result = await apiSend<AdjustmentResult>('POST', `/api/members/${encodeURIComponent(memberId)}/adjustments`, {
        points: signed,
        description: description.trim(),
        idempotencyKey,
      });
      showToast(t(signed > 0 ? 'adjust.toastAdded' : 'adjust.toastSubtracted', { points: formatNumber(Math.abs(signed)), name: memberName(result.member) }));
      onAdjusted?.(result);
      onClose();
    } catch (error) {
      const apiError = toApiError(error);
      setServerError(apiError);
      // A validation or permission problem is fixed in the form; keep the key for network retries only.
      if (apiError.status >= 400 && apiError.status < 500) setStep('edit');
    } finally {
      setSaving(false);
    }
  };

  const serverMessage = serverError ? (serverError.fromServer ? serverError.message : t(serverError.code === 'NETWORK' ? 'errors.network' : 'errors.generic')) : '';
  const serverTitle = serverError
    ? serverError.code === 'FORBIDDEN'
      ? t('adjust.errors.forbiddenTitle')
      : serverError.code === 'INSUFFICIENT_POINTS'
        ? t('adjust.errors.insufficientTitle')
        : t('adjust.errors.failedTitle')
    : '';

  return (
    <Modal
      open={open}
      onClose={saving ? () => undefined : onClose}
      title={name ? t('adjust.titleFor', { name }) : t('adjust.title')}
      primaryAction={
        step === 'edit'
          ? { content: t('adjust.review'), onAction: review, disabled: !permissions.adjust }
          : { content: t(signed > 0 ? 'adjust.confirmAdd' : 'adjust.confirmSubtract', { points: formatNumber(Math.abs(signed)) }), onAction: () => void confirm(), loading: saving, destructive: signed < 0 }
      }
      secondaryActions={
        step === 'edit' ? [{ content: t('common.cancel'), onAction: onClose }] : [{ content: t('adjust.back'), onAction: () => setStep('edit'), disabled: saving }]
      }
    >
      <Modal.Section>
        <BlockStack gap="400">
          {serverError && (
            <Banner tone="critical" title={serverTitle} onDismiss={() => setServerError(undefined)}>
              <p>{serverMessage}</p>
            </Banner>
          )}
          {!member && loaded.loading && <SkeletonBodyText lines={1} />}
          {member && (
            <Text as="p" tone="subdued">
              {t('adjust.currentBalance', { points: formatNumber(member.balance) })}
            </Text>
          )}
          {step === 'edit' ? (
            <BlockStack gap="400">
              <BlockStack gap="100">
                <Text as="span" id="adjust-direction-label">
                  {t('adjust.direction')}
                </Text>
                <div role="group" aria-labelledby="adjust-direction-label">
                  <ButtonGroup variant="segmented">
                    <Button pressed={direction === 'add'} onClick={() => setDirection('add')}>
                      {t('adjust.add')}
                    </Button>
                    <Button pressed={direction === 'subtract'} onClick={() => setDirection('subtract')}>
                      {t('adjust.subtract')}
                    </Button>
                  </ButtonGroup>
                </div>
              </BlockStack>
              <TextField
                label={t('adjust.points')}
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                autoComplete="off"
                value={pointsText}
                onChange={setPointsText}
                onBlur={() => setTouched(true)}
                prefix={direction === 'add' ? '+' : '−'}
                error={touched ? pointsError : undefined}
                helpText={limit !== null ? t('adjust.limitHelp', { limit: formatNumber(limit) }) : undefined}
              />
              <TextField
                label={t('adjust.description')}
                autoComplete="off"
                multiline={2}
                value={description}
                onChange={setDescription}
                maxLength={DESCRIPTION_MAX_LENGTH}
                showCharacterCount
                helpText={t('adjust.descriptionHelp')}
                error={touched ? descriptionError : undefined}
              />
              {touched && valid && goesNegative && (
                <Banner tone="warning">
                  <p>{t('adjust.negativeWarning', { balance: formatNumber(newBalance!) })}</p>
                </Banner>
              )}
            </BlockStack>
          ) : (
            <Box>
              <BlockStack gap="300">
                <Text as="p" variant="headingMd">
                  {t(signed > 0 ? 'adjust.confirmQuestionAdd' : 'adjust.confirmQuestionSubtract', { points: formatNumber(Math.abs(signed)), name })}
                </Text>
                <InlineStack gap="200">
                  <Text as="span" tone="subdued">
                    {t('adjust.customerSees')}
                  </Text>
                  <Text as="span" fontWeight="semibold">
                    “{description.trim()}”
                  </Text>
                </InlineStack>
                {newBalance !== undefined && (
                  <Text as="p" tone={goesNegative ? 'critical' : undefined}>
                    {t('adjust.newBalance', { points: formatNumber(newBalance) })}
                  </Text>
                )}
                {/* Promise an e-mail only when one can be sent. */}
                {emailConfigured !== undefined && (
                  <Text as="p" tone="subdued" variant="bodySm">
                    {emailConfigured ? t('adjust.notifyNote') : t('adjust.notifyNoServer')}
                  </Text>
                )}
              </BlockStack>
            </Box>
          )}
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
