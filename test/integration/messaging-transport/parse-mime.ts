/**
 * Just enough MIME for the tests to read what Nodemailer sent: top-level headers and the decoded
 * text/plain and text/html parts of a multipart/alternative message.
 */
export interface ParsedEmail {
  headers: Map<string, string>;
  text?: string;
  html?: string;
}

function splitHeadersAndBody(raw: string): { headers: Map<string, string>; body: string } {
  const index = raw.indexOf('\r\n\r\n');
  const head = index === -1 ? raw : raw.slice(0, index);
  const body = index === -1 ? '' : raw.slice(index + 4);
  const headers = new Map<string, string>();
  // Unfold continuation lines before splitting into fields.
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeQuotedPrintable(body: string): string {
  const softBreaksRemoved = body.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i += 1) {
    const char = softBreaksRemoved[i] ?? '';
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** RFC 2047 encoded words in headers, e.g. a non-ASCII subject. */
export function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_match, _charset: string, kind: string, data: string) =>
    kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

export function parseMime(raw: string): ParsedEmail {
  const { headers, body } = splitHeadersAndBody(raw);
  const parsed: ParsedEmail = { headers };
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];

  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((part) => splitHeadersAndBody(part.replace(/^\r\n/, '')))
    : [{ headers, body }];

  for (const part of parts) {
    const type = part.headers.get('content-type') ?? '';
    const decoded = decodeBody(part.body.replace(/\r\n$/, ''), part.headers.get('content-transfer-encoding'));
    if (type.startsWith('text/plain')) parsed.text = decoded;
    if (type.startsWith('text/html')) parsed.html = decoded;
  }
  return parsed;
}
