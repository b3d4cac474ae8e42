/**
 * The finer cause of a failure, where the host has a stable code for it (ZipError's 'zip_ratio'
 * and the like), looked up along the error's causes; Node's own codes ('ENOENT') are not ours.
 * The UI words its message from it; the English message stays for logs and the CLI.
 */
export function errorReason(e: unknown): string | null {
  for (let at = e, depth = 0; at instanceof Error && depth < 8; at = at.cause, depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && /^[a-z][a-z_]*$/.test(code)) return code;
  }
  return null;
}
