// A tiny element builder and the dialog's focus trap: enough for the widget, no framework (the
// script must stay within Shopify's 10,000-byte limit for app block JavaScript).
type Attrs = Record<string, string | number | boolean | null | undefined | ((event: Event) => void)>;
export type Child = Node | string | null | undefined | false | 0;

/**
 * An element with attributes (a string: its class); `on…` attributes become handlers, and
 * false/null/undefined attributes and children are left out.
 */
export function h(tag: string, attrs: Attrs | string = {}, ...children: Array<Child | Child[]>): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(typeof attrs === 'string' ? { class: attrs } : attrs)) {
    if (typeof value === 'function') (element as unknown as Record<string, unknown>)[name] = value;
    else if (value != null && value !== false) element.setAttribute(name, value === true ? '' : (value as string));
  }
  for (const child of children.flat()) if (child) element.append(child);
  return element;
}

/** Keeps Tab and Shift+Tab inside an open dialog (it holds buttons, links and a summary). */
export function trapFocus(container: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const items = Array.from(container.querySelectorAll<HTMLElement>('a,button:enabled,summary')).filter((el) => el.offsetParent);
  const edge = items[event.shiftKey ? 0 : items.length - 1];
  if (edge && document.activeElement === edge) {
    event.preventDefault();
    items[event.shiftKey ? items.length - 1 : 0]!.focus();
  }
}
