/** The frame of every signed-in page: a skip link, the navigation, who is signed in, and the page. */
import { useEffect, useRef } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/auth-context';

const NAV = [
  { to: '/connections', label: 'Connections' },
  { to: '/leads', label: 'Leads' },
  { to: '/calendar', label: 'Calendar' },
  { to: '/inbox', label: 'Inbox' },
  { to: '/ads', label: 'Ads' },
  { to: '/insights', label: 'Insights' },
  { to: '/privacy', label: 'Privacy' },
  { to: '/settings', label: 'Settings' },
];

export function Layout() {
  const auth = useAuth();
  const location = useLocation();
  const first = useRef(true);
  // a new page moves focus to its heading, so keyboard and screen-reader users start there
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus();
  }, [location.pathname]);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Meta Business Connector</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.to}>
                <NavLink to={n.to}>{n.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            Tenant <strong data-testid="tenant">{auth.session?.tenantId ?? '?'}</strong>
          </span>
          <button type="button" className="link" onClick={() => auth.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
