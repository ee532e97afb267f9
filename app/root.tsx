import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorContent } from "~/components/route-error";
import { KeyboardShortcuts } from "~/components/shortcuts";
import stylesheet from "~/tailwind.css";
import { inboxCount } from "~/modules/inbox/inbox.server";
import { unreadCount } from "~/modules/notifications/notifications.server";
import { getUser } from "~/utils/auth.server";
import { takeToast } from "~/utils/toast.server";
import { lookOf } from "~/utils/time-zone.server";
import { ToastMessage } from "~/components/ui/toast";
import { prisma } from "~/utils/db.server";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: stylesheet },
];

export const meta: MetaFunction = () => [
  { title: "Gatepath" },
  { name: "description", content: "Projects from a customer problem to real adoption, gate by gate." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { toast, headers } = await takeToast(request);
  // The navigation's count of what waits for this person (My work), the zone their instants are
  // shown in, and their theme (null: their system's).
  const [inbox, unread, { timeZone, theme }] = await Promise.all([
    user ? inboxCount(prisma, user) : 0,
    user ? unreadCount(prisma, user) : 0,
    lookOf(prisma, request, user?.id ?? null),
  ]);
  return json({ user, inbox, unread, toast, timeZone, theme }, { headers });
}

function Document({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  // The person's chosen theme as a class; without one, the stylesheet follows the system's setting.
  const theme = (useRouteLoaderData("root") as { theme?: "light" | "dark" | null } | undefined)?.theme;
  return (
    <html lang="en" className={`h-full${theme ? ` ${theme}` : ""}`}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* The browser's time zone, for the server to render instants in it (utils/time-zone.server.ts). */}
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{
            __html: `try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(document.cookie.indexOf("tz="+encodeURIComponent(z))<0)document.cookie="tz="+encodeURIComponent(z)+";path=/;max-age=31536000;samesite=lax"}catch(e){}`,
          }}
        />
      </head>
      <body className="min-h-full">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

const navClass = ({ isActive }: { isActive: boolean }) => (isActive ? "font-semibold text-brand underline" : "text-slate-700 hover:text-brand");

/** The main navigation's links, shown inline on wide screens and in the menu on narrow ones. */
function MainLinks({ inbox, unread, admin, counted }: { inbox: number; unread: number; admin: boolean; counted: boolean }) {
  return (
    <>
      <NavLink to="/inbox" className={navClass}>
        My work
        {inbox > 0 ? (
          <span className="ml-1 rounded-full bg-brand px-1.5 py-0.5 text-xs font-semibold text-white" data-testid={counted ? "inbox-count" : undefined}>
            {inbox}
            <span className="sr-only"> waiting</span>
          </span>
        ) : null}
      </NavLink>
      <NavLink to="/notifications" className={navClass}>
        Notifications
        {unread > 0 ? (
          <span
            className="ml-1 rounded-full border border-brand px-1.5 py-0.5 text-xs font-semibold text-brand"
            data-testid={counted ? "unread-badge" : undefined}
          >
            {unread}
            <span className="sr-only"> unread</span>
          </span>
        ) : null}
      </NavLink>
      <NavLink to="/board" className={navClass}>
        Board
      </NavLink>
      <NavLink to="/projects" end className={navClass}>
        Projects
      </NavLink>
      <NavLink to="/dashboard" className={navClass}>
        Dashboard
      </NavLink>
      <NavLink to="/artifacts" className={navClass}>
        Artifacts
      </NavLink>
      <NavLink to="/lessons" className={navClass}>
        Lessons
      </NavLink>
      <NavLink to="/playbook" className={navClass}>
        Playbook
      </NavLink>
      {admin ? (
        <>
          <NavLink to="/settings/people" className={navClass}>
            People
          </NavLink>
          <NavLink to="/settings/teams" className={navClass}>
            Teams
          </NavLink>
          <NavLink to="/settings/tokens" className={navClass}>
            API tokens
          </NavLink>
          <NavLink to="/settings/webhooks" className={navClass}>
            Webhooks
          </NavLink>
          <NavLink to="/settings/root-causes" className={navClass}>
            Root causes
          </NavLink>
          <NavLink to="/settings/audit" className={navClass}>
            Audit trail
          </NavLink>
        </>
      ) : null}
    </>
  );
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const user = data?.user;
  return (
    <header className="border-b border-slate-200 bg-white print:hidden">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link to="/" className="text-lg font-bold text-brand-dark">
          Gatepath
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="hidden gap-4 text-sm lg:flex">
              <MainLinks inbox={data.inbox} unread={data.unread} admin={user.role === "admin"} counted />
            </nav>
            {/* Narrow screens: the same links behind a menu that opens without JavaScript, closed again after a move. */}
            <details key={location.pathname} className="relative lg:hidden">
              <summary className="cursor-pointer rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100">Menu</summary>
              <nav
                aria-label="Main"
                className="absolute left-0 z-40 mt-1 flex w-56 flex-col gap-2 rounded border border-slate-200 bg-white p-3 text-sm shadow-lg"
              >
                <MainLinks inbox={data.inbox} unread={data.unread} admin={user.role === "admin"} counted={false} />
              </nav>
            </details>
            <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
              <Form method="get" action="/search" role="search">
                <label htmlFor="global-search" className="sr-only">
                  Search projects, artifacts, metrics and people
                </label>
                <input
                  id="global-search"
                  name="q"
                  type="search"
                  placeholder="Search ( / )"
                  className="w-40 rounded border border-slate-300 px-2 py-1 text-sm"
                />
              </Form>
              <KeyboardShortcuts />
              <ThemeSwitch />
              <NavLink to="/settings/profile" className={navClass} title="Your profile: name, password, time zone, sessions">
                {user.name} <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{user.role}</span>
              </NavLink>
              <Form method="post" action="/logout">
                <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
                  Sign out
                </button>
              </Form>
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}

/**
 * Light or dark, kept per person: the button offers the other theme than the one showing (the
 * stylesheet decides which of the two buttons shows, so it is right before JavaScript loads and
 * when the theme follows the system). The profile page can hand the choice back to the system.
 */
function ThemeSwitch() {
  const location = useLocation();
  const button = "rounded border border-slate-300 px-2 py-1 hover:bg-slate-100";
  return (
    <Form method="post" action="/theme">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" name="theme" value="dark" className={`${button} dark:hidden`}>
        Dark theme
      </button>
      <button type="submit" name="theme" value="light" className={`${button} hidden dark:inline-block`}>
        Light theme
      </button>
    </Form>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  // A page whose route's handle says `bare` (reading mode) shows without the navigation.
  const bare = useMatches().some((m) => (m.handle as { bare?: boolean } | undefined)?.bare);
  return (
    <Document>
      {bare ? null : <Header />}
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <Outlet />
      </main>
      <ToastMessage toast={toast} />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  // In the browser only: the server logged it already (entry.server.tsx handleError).
  if (typeof document !== "undefined" && !isRouteErrorResponse(error)) console.error(error);
  // The root itself failed (its loader, or a page without its own boundary): no header to keep.
  return (
    <Document>
      <main id="main" className="px-4">
        <ErrorContent error={error} />
      </main>
    </Document>
  );
}
