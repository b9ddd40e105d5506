// Every variable a template may use, written in templates as `%name%`.
export const TEMPLATE_VARIABLES = [
  'first_name',
  'last_name',
  'full_name',
  'points',
  'balance',
  'description',
  'gift_card_code',
  'gift_card_value',
  'shop_name',
  'portal_url',
  'pending_points',
  'expiry_date',
] as const;

export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/**
 * Values arrive already formatted for the member's language (numbers with separators, money with
 * its currency, dates in the shop's time zone): formatting belongs to the caller, which knows the
 * locale and the currency, not to the renderer.
 */
export type TemplateVariables = Partial<Record<TemplateVariable, string | number>>;

const known: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);

export function isTemplateVariable(name: string): name is TemplateVariable {
  return known.has(name);
}
