// A tiny client-side router: the path picks the page, history.pushState moves between pages without
// reloading Polaris, and the query parameters the Shopify admin puts on the iframe URL (shop, host,
// locale, embedded) travel along so the next page still knows the admin's language.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** The props Polaris passes to AppProvider's `linkComponent`. */
interface LinkLikeComponentProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  url: string;
  external?: boolean;
  children?: ReactNode;
}

const PRESERVED_PARAMS = ['locale', 'shop', 'host', 'embedded'];
const NAVIGATE_EVENT = 'loyalty:navigate';

/** `path` with the admin's own query parameters added (they never override the path's own). */
export function hrefFor(path: string): string {
  const current = new URLSearchParams(window.location.search);
  const url = new URL(path, window.location.origin);
  for (const name of PRESERVED_PARAMS) {
    const value = current.get(name);
    if (value !== null && !url.searchParams.has(name)) url.searchParams.set(name, value);
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const href = hrefFor(path);
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path, re-rendering on navigation (ours, the back button, or App Bridge's nav menu). */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function isInternalUrl(url: string): boolean {
  if (url.startsWith('/') && !url.startsWith('//')) return true;
  try {
    return new URL(url).origin === window.location.origin;
  } catch {
    return false;
  }
}

/** Polaris' link component: internal URLs navigate in place, everything else is a normal link. */
export function RouterLink({ url, external, children, ...rest }: LinkLikeComponentProps) {
  if (external || !isInternalUrl(url)) {
    return (
      <a href={url} target={external ? '_blank' : undefined} rel={external ? 'noopener noreferrer' : undefined} {...rest}>
        {children}
      </a>
    );
  }
  const href = hrefFor(url);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(url);
  };
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
