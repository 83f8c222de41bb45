/**
 * The slice of a long list to draw: `height` rows around the cursor, the cursor kept in the middle
 * third where possible. Only this slice is ever built, so 100k rows cost the same as ten.
 */
export function listWindow(total: number, cursor: number, height: number): { start: number; end: number } {
  if (total <= height) return { start: 0, end: total };
  const half = Math.floor(height / 2);
  const start = Math.min(Math.max(0, cursor - half), total - height);
  return { start, end: start + height };
}
