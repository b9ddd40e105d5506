// App Bridge toasts (shopify.toast.show); silently nothing when App Bridge is missing.
export function showToast(message: string, options: { isError?: boolean } = {}): void {
  const bridge = window.shopify as typeof window.shopify | undefined;
  try {
    bridge?.toast?.show(message, { isError: options.isError, duration: 5000 });
  } catch {
    // A toast is a courtesy; never let it break the action that triggered it.
  }
}
