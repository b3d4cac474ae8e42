/** An SQL identifier, always quoted: Korean and odd names pass, and no name can end the quotes. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
