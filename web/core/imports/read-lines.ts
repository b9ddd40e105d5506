// Splits a byte stream (a download) into text lines as they arrive, with their 1-based line numbers,
// holding at most one partial line in memory: a JSONL file of any size is read in constant memory.
export interface NumberedLine {
  number: number;
  text: string;
}

export async function* readLines(chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): AsyncGenerator<NumberedLine> {
  const decoder = new TextDecoder();
  let pending = '';
  let number = 0;
  for await (const chunk of chunks) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let end = pending.indexOf('\n', start); end >= 0; end = pending.indexOf('\n', start)) {
      number += 1;
      yield { number, text: pending.slice(start, end).replace(/\r$/, '') };
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== '') yield { number: number + 1, text: pending.replace(/\r$/, '') };
}
