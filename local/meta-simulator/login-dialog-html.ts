/** The HTML of the simulated Facebook Login dialog and its error page. */
import { escapeHtml } from './http-io';
import type { SimUser } from './world';

export interface DialogView {
  appName: string;
  scopes: string[];
  users: SimUser[];
  /** the dialog's query fields, posted back unchanged */
  hidden: Record<string, string>;
}

export function renderDialog(v: DialogView): string {
  const hidden = Object.entries(v.hidden)
    .map(([k, val]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(val)}">`)
    .join('\n      ');
  const users = v.users
    .map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.name)} (${escapeHtml(u.id)})</option>`)
    .join('');
  const scopes = v.scopes
    .map(
      (s) =>
        `<li><label><input type="checkbox" name="granted_scopes" value="${escapeHtml(s)}" checked> <code class="scope">${escapeHtml(s)}</code></label></li>`,
    )
    .join('\n        ');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Log in with Facebook (Meta simulator)</title></head>
<body>
  <h1>${escapeHtml(v.appName)} is requesting access</h1>
  <p>Meta simulator: choose who logs in and what they grant.</p>
  <form method="post" action="/_sim/consent">
      ${hidden}
      <input type="hidden" name="scope_picker" value="1">
      <label>Log in as <select name="user_id">${users}</select></label>
      <h2>Requested permissions</h2>
      <ul id="scopes">
        ${scopes}
      </ul>
      <button type="submit" name="decision" value="allow">Continue</button>
      <button type="submit" name="decision" value="deny">Cancel</button>
  </form>
</body>
</html>`;
}

export function renderDialogError(title: string, message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Error (Meta simulator)</title></head>
<body><h1>${escapeHtml(title)}</h1><p id="error">${escapeHtml(message)}</p></body>
</html>`;
}
