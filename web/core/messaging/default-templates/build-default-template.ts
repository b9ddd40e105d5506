import type { MessageEvent } from '../message-events';
import type { MessageLanguage, MessageTemplate } from '../message-template';

/** What a translator writes for one event; the HTML and text bodies are built from it. */
export interface DefaultTemplateCopy {
  subject: string;
  heading: string;
  paragraphs: readonly string[];
  /** A value shown on its own line, large (the gift card code), after `paragraphs`. */
  highlight?: string;
  /** Paragraphs after the highlight. */
  closing?: readonly string[];
  button?: string;
  sms: string;
}

export interface LanguageCopy {
  /** Why the member gets this e-mail: keeps the message recognisable and clearly not spam. */
  footer: string;
  events: Record<MessageEvent, DefaultTemplateCopy>;
}

// Copy is trusted text written by us, but it still goes into HTML: `&`, `<`, `>` would break it.
function escapeStatic(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const P = 'margin:0 0 16px;';

/**
 * Inline styles only: most mail clients drop <style> blocks. One narrow column renders the same on
 * phones and desktop clients.
 */
export function buildDefaultTemplate(
  language: MessageLanguage,
  copy: DefaultTemplateCopy,
  footer: string,
): MessageTemplate {
  const before = copy.paragraphs;
  const closing = copy.closing ?? [];

  const htmlParts = [
    `<h1 style="margin:0 0 16px;font-size:20px;line-height:1.3;">${escapeStatic(copy.heading)}</h1>`,
    ...before.map((p) => `<p style="${P}">${escapeStatic(p)}</p>`),
    ...(copy.highlight
      ? [
          `<p style="${P}padding:12px 16px;background:#f1f2f4;border-radius:6px;font-family:Menlo,Consolas,monospace;font-size:20px;letter-spacing:2px;text-align:center;">${copy.highlight}</p>`,
        ]
      : []),
    ...closing.map((p) => `<p style="${P}">${escapeStatic(p)}</p>`),
    ...(copy.button
      ? [
          `<p style="margin:24px 0;"><a href="%portal_url%" style="display:inline-block;padding:10px 18px;background:#303030;color:#ffffff;border-radius:6px;text-decoration:none;">${escapeStatic(copy.button)}</a></p>`,
        ]
      : []),
    `<p style="margin:24px 0 0;font-size:12px;color:#616161;">${escapeStatic(footer)}</p>`,
  ];
  const html =
    `<!doctype html>\n<html lang="${language}">\n<body style="margin:0;padding:24px;background:#f6f6f7;">\n` +
    `<div style="max-width:520px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px;` +
    `font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#202223;">\n` +
    htmlParts.join('\n') +
    `\n</div>\n</body>\n</html>\n`;

  const textParts = [
    ...before,
    ...(copy.highlight ? [`    ${copy.highlight}`] : []),
    ...closing,
    ...(copy.button ? [`${copy.button}: %portal_url%`] : []),
    // "-- " on its own line is the signature separator mail clients recognise and fold away.
    `-- \n${footer}`,
  ];
  return { subject: copy.subject, html, text: textParts.join('\n\n') + '\n', sms: copy.sms };
}
