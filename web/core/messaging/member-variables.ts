import type { TemplateVariables } from './template-variables';

export interface MemberName {
  firstName?: string | null;
  lastName?: string | null;
}

/** The name variables every sender needs, with `%full_name%` derived in one place. */
export function memberNameVariables(member: MemberName): TemplateVariables {
  const first = member.firstName?.trim() ?? '';
  const last = member.lastName?.trim() ?? '';
  return {
    first_name: first,
    last_name: last,
    full_name: [first, last].filter((part) => part !== '').join(' '),
  };
}
