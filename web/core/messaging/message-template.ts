export const MESSAGE_LANGUAGES = ['en', 'nl', 'uk', 'da', 'pl'] as const;

export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** One event in one language: what the shop edits and what the senders render. */
export interface MessageTemplate {
  subject: string;
  html: string;
  text: string;
  /** Empty means "no SMS for this event". */
  sms: string;
}

export const SMS_MAX_CHARACTERS = 300;
