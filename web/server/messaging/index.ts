export { classifySmtpError } from './classify-smtp-error';
export type { DeliveryFailure } from './delivery-failure';
export {
  createEmailTransport,
  sendEmail,
  verifyEmailTransport,
  type EmailSendResult,
  type EmailTransport,
  type OutgoingEmail,
  type SmtpSettings,
} from './email-transport';
export { LogSmsProvider, type SmsLogger } from './log-sms-provider';
export { SmsSendError, type SmsMessage, type SmsProvider, type SmsSendResult } from './sms-provider';
export { TwilioSmsProvider, classifyTwilioResponse, type TwilioSettings } from './twilio-sms-provider';
