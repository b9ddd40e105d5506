/** "valueMinor: exceeds …" (how the server prefixes a field's error) -> { field, message }. */
export function fieldOfServerMessage(message: string): { field: string; message: string } | undefined {
  const match = /^([A-Za-z][\w.]*): (.+)$/s.exec(message);
  return match ? { field: match[1]!, message: match[2]! } : undefined;
}
