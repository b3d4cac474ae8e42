/**
 * Text as HTML that shows it as it is. MapLibre puts an attribution into the page as HTML; the
 * settings and a tile file's metadata are text from elsewhere, so they go in through this.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
