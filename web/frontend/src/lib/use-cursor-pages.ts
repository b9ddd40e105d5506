// Cursor paging for `{ items, nextCursor }` lists: remembers the cursors of earlier pages so
// "previous" works, and starts over whenever the filters change.
import { useCallback, useEffect, useState } from 'react';

export function useCursorPages(resetKey: string) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  useEffect(() => setCursors([null]), [resetKey]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const next = useCallback((nextCursor: string | null) => {
    if (nextCursor) setCursors((stack) => [...stack, nextCursor]);
  }, []);
  const previous = useCallback(() => setCursors((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)), []);
  return { cursor, pageNumber: cursors.length, hasPrevious: cursors.length > 1, next, previous };
}
