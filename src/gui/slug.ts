/** File- and id-safe form of a title: `Sign in until the shell shows` → `sign-in-until-the-shell-shows`. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}
