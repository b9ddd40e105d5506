// Downloads the report export as it streams: the server says how many rows are coming (X-Export-Rows),
// so for CSV the progress is lines received / rows; an .xlsx is zipped, so there we can only estimate
// from bytes. The file is then saved through a Blob link, the way a browser download would.
import { apiFetchResponse } from '../hooks/use-api';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportProgress {
  /** 0..1, or null when unknown. */
  fraction: number | null;
  bytes: number;
  rows: number | null;
}

const MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** An .xlsx row compresses to roughly this many bytes; only used to move the bar. */
const XLSX_BYTES_PER_ROW_ESTIMATE = 45;

export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

export async function downloadExport(
  path: string,
  format: ExportFormat,
  fallbackName: string,
  onProgress: (progress: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<{ filename: string; bytes: number; rows: number | null }> {
  const response = await apiFetchResponse(path, { signal }, format === 'csv' ? 'text/csv' : MIME.xlsx);
  const rowsHeader = response.headers.get('X-Export-Rows');
  const rows = rowsHeader !== null && /^\d+$/.test(rowsHeader) ? Number(rowsHeader) : null;
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let newlines = 0;
  onProgress({ fraction: rows === 0 ? 1 : 0, bytes, rows });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      bytes += value.byteLength;
      let fraction: number | null = null;
      if (format === 'csv') {
        for (let index = 0; index < value.length; index += 1) if (value[index] === 10) newlines += 1;
        // The header is one line more than the rows.
        fraction = rows ? Math.min(1, Math.max(0, newlines - 1) / rows) : null;
      } else if (rows) {
        fraction = Math.min(0.95, bytes / (rows * XLSX_BYTES_PER_ROW_ESTIMATE + 6000));
      }
      onProgress({ fraction, bytes, rows });
    }
  } else {
    const buffer = new Uint8Array(await response.arrayBuffer());
    chunks.push(buffer);
    bytes = buffer.byteLength;
  }
  onProgress({ fraction: 1, bytes, rows });
  const blob = new Blob(chunks as BlobPart[], { type: MIME[format] });
  const filename = filenameFrom(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { filename, bytes, rows };
}
