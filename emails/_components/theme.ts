/**
 * theme holds the colours and spacing every mail shares. Text colours were chosen for
 * WCAG AA contrast (AAA even): ink on paper 15.8:1, muted on paper 8.2:1, white on accent and
 * accent links on paper 8.2:1.
 */
export const theme = {
  color: {
    paper: '#ffffff',
    page: '#f3f1ec',
    ink: '#1f2328',
    muted: '#4a4f57',
    accent: '#0b5a43',
    accentText: '#ffffff',
    link: '#0b5a43',
    rule: '#d9d4c7',
  },
  font: "Helvetica, Arial, 'Segoe UI', sans-serif",
  size: { body: '16px', small: '13px', h1: '24px', h2: '19px', h3: '17px' },
  space: { gutter: '24px', block: '16px' },
  maxWidth: '600px',
} as const;

/** netwerk is who sends every mail: the name, motto and address block in header and footer. */
export const netwerk = {
  name: 'Netwerk Amsterdamse Stadsdorpen',
  motto: 'samen werken aan nabuurschap in de stad',
  website: 'https://netwerkamsterdamsestadsdorpen.nl',
  websiteLabel: 'netwerkamsterdamsestadsdorpen.nl',
  residentsSite: 'https://stadsdorpen.nl',
  city: 'Amsterdam',
} as const;
