// Inline so the empty state needs no network request (Shopify's CDN illustrations are unreachable in
// demo mode and tests, and a failed image load is a console error).
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="226" height="226" viewBox="0 0 226 226">
<circle cx="113" cy="113" r="100" fill="#f1f1f1"/>
<path d="M113 58l16 33 36 5-26 25 6 36-32-17-32 17 6-36-26-25 36-5z" fill="#e3e3e3" stroke="#8a8a8a" stroke-width="4" stroke-linejoin="round"/>
</svg>`;

export const EMPTY_ILLUSTRATION = `data:image/svg+xml,${encodeURIComponent(svg)}`;
