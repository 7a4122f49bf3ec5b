// Drawn inline: the console has no icon font, and system fonts lack these glyphs.
const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

export const QueryIcon = () => (
  <svg width={14} height={14} viewBox="0 0 24 24" aria-hidden {...stroke}>
    <path d="M8 6l-6 6 6 6M16 6l6 6-6 6" />
  </svg>
);

export const FullScreenIcon = () => (
  <svg width={14} height={14} viewBox="0 0 24 24" aria-hidden {...stroke}>
    <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" />
  </svg>
);
