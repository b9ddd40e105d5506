/** How the admin names a member: first and last name, else the e-mail. */
export function memberName(member: { firstName: string | null; lastName: string | null; email?: string | null }): string {
  const name = [member.firstName, member.lastName].filter(Boolean).join(' ').trim();
  return name || member.email || '';
}
