import { escapeHtml } from './escape-html';
import { TOKEN_PATTERN } from './template-tokens';
import { isTemplateVariable, type TemplateVariables } from './template-variables';

export interface RenderOptions {
  /** True for HTML bodies: values are escaped so member-supplied text (names) cannot inject markup. */
  html: boolean;
}

/**
 * Replaces `%name%` tokens with their values. A known variable without a value renders as an empty
 * string (a member without a last name still gets a sensible message); a token that is not a
 * variable at all is left as written, since validation rejects it before a template is saved.
 */
export function renderTemplate(template: string, variables: TemplateVariables, options: RenderOptions): string {
  return template.replace(TOKEN_PATTERN, (token: string, name: string) => {
    if (!isTemplateVariable(name)) return token;
    const value = variables[name];
    const text = value === undefined || value === null ? '' : String(value);
    return options.html ? escapeHtml(text) : text;
  });
}
