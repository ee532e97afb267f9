// The authorization matrix (issues 10 and 23): every route of the route tree, read and (where it
// has an action) written, by ten people (anonymous, a viewer, a member with no role on the
// project, a stakeholder, someone consulted, a contributor, the owner, a decider, a gatekeeper of
// the project's team and an administrator), against one table of who may do what:
// shared/PRODUCT.md's "what each project role may do", written out here independently of
// app/modules/people/authorize.ts. Each cell is an exact status; a refused request changes
// nothing but the audit trail's record of a refused attempt. A route missing from the table fails
// the test.
//
// Actions are probed with bodies that are well formed but cannot succeed (an unknown id, a
// missing field, a Hold without its date), so the table tells authorization from validation:
// someone refused gets 403 before what they sent is read; someone allowed gets the 4xx that
// their input earns, and nothing is written either way.
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/utils/db.server";
import { removeDb, signIn, startServer, tempDbFile, type RunningServer } from "../setup/server";
import { watchWrites } from "../setup/write-watch";

const PASSWORD = "matrix-demo-password";
const ROOT = path.resolve(import.meta.dirname, "../..");
const ACTORS = ["anonymous", "viewer", "member", "stakeholder", "consulted", "contributor", "owner", "decider", "gatekeeper", "admin"] as const;
type Actor = (typeof ACTORS)[number];
type Expect = Record<Actor, number>;

// Who may do what, as statuses. Signed-out page requests go to the login page (302).
const everyone = (s: number): Expect => ({
  anonymous: s,
  viewer: s,
  member: s,
  stakeholder: s,
  consulted: s,
  contributor: s,
  owner: s,
  decider: s,
  gatekeeper: s,
  admin: s,
});
const signedIn = (s: number): Expect => ({ ...everyone(s), anonymous: 302 });
const creators = (s: number): Expect => ({ ...signedIn(s), viewer: 403 });
/** Only these of the signed-in people (and always administrators) get `s`; the others 403. */
const only =
  (...allowed: Actor[]) =>
  (s: number): Expect =>
    Object.fromEntries(ACTORS.map((a) => [a, a === "anonymous" ? 302 : a === "admin" || allowed.includes(a) ? s : 403])) as Expect;
// shared/PRODUCT.md "People and access", one column each.
/** Edit facts: the owner. */
const factEditors = only("owner");
/** Edit the plan (tenets, milestones, scope, forks, metric definitions): the owner and contributors. */
const planners = only("owner", "contributor");
/** Write artifacts and metric values: the owner and contributors. */
const writers = only("owner", "contributor");
/** Comment (notes on metric periods): everyone on the project and the team's gatekeepers. */
const commenters = only("owner", "contributor", "decider", "stakeholder", "consulted", "gatekeeper");
/** Name or remove contributors and stakeholders: the owner and the team's gatekeepers. */
const peopleManagers = only("owner", "gatekeeper");
/** Request a gate review: the owner and contributors. */
const reviewRequesters = only("owner", "contributor");
/** Sign a gate decision: deciders and administrators, never the owner. */
const gatekeepers = only("decider");
const admins = only();

type Ctx = { key: string; ownerId: string; teamId: string; artifactId: string; metricId: string; retroId: string; coeId: string; version: () => number };
type Row = { route: string; method: "GET" | "POST"; path: (c: Ctx) => string; body?: (c: Ctx) => Record<string, string>; expect: Expect; json?: boolean };

const ROWS: Row[] = [
  // The root route's loader runs under every page; the sign-in page is the one anyone may see.
  { route: "root", method: "GET", path: () => "/login", expect: { ...everyone(302), anonymous: 200 } },
  { route: "routes/_index", method: "GET", path: () => "/", expect: everyone(302) },
  { route: "routes/healthz", method: "GET", path: () => "/healthz", expect: everyone(200) },
  { route: "routes/readyz", method: "GET", path: () => "/readyz", expect: everyone(200) },
  { route: "routes/_auth+/login", method: "GET", path: () => "/login", expect: { ...everyone(302), anonymous: 200 } },
  {
    route: "routes/_auth+/login",
    method: "POST",
    path: () => "/login",
    body: () => ({ email: "nobody@example.com", password: "wrong-password" }),
    expect: { ...everyone(302), anonymous: 400 },
  },
  { route: "routes/_auth+/logout", method: "GET", path: () => "/logout", expect: everyone(302) },
  // A workspace with an administrator has nothing to set up: the setup page sends everyone to sign in, and its form writes nothing.
  { route: "routes/setup", method: "GET", path: () => "/setup", expect: everyone(302) },
  {
    route: "routes/setup",
    method: "POST",
    path: () => "/setup",
    body: () => ({ token: "guessed", organisation: "Takeover Ltd", name: "Mallory", email: "mallory@example.com", password: "pallet-ramp-quietly-42" }),
    expect: everyone(302),
  },
  { route: "routes/board", method: "GET", path: () => "/board", expect: signedIn(200) },
  { route: "routes/dashboard", method: "GET", path: () => "/dashboard", expect: signedIn(200) },
  { route: "routes/teams.$slug.wbr", method: "GET", path: () => "/teams/no-such-team/wbr", expect: signedIn(404) },
  { route: "routes/artifacts+/_index", method: "GET", path: () => "/artifacts?review=me", expect: signedIn(200) },
  { route: "routes/playbook", method: "GET", path: () => "/playbook", expect: signedIn(200) },
  { route: "routes/playbook", method: "POST", path: () => "/playbook", body: () => ({ note: "" }), expect: admins(400) },
  { route: "routes/playbook[.]json", method: "GET", path: () => "/playbook.json", expect: signedIn(200) },
  { route: "routes/playbook[.]yaml", method: "GET", path: () => "/playbook.yaml", expect: signedIn(200) },
  { route: "routes/playbook_.$stage", method: "GET", path: () => "/playbook/plan", expect: admins(200) },
  {
    route: "routes/playbook_.$stage",
    method: "POST",
    path: () => "/playbook/plan",
    body: () => ({ intent: "expected_days", expectedDays: "-1" }),
    expect: admins(400),
  },
  { route: "routes/settings.tokens", method: "GET", path: () => "/settings/tokens", expect: admins(200) },
  { route: "routes/settings.tokens", method: "POST", path: () => "/settings/tokens", body: () => ({ intent: "create", name: "" }), expect: admins(400) },
  {
    route: "routes/settings.tokens",
    method: "POST",
    path: () => "/settings/tokens",
    body: () => ({ intent: "revoke", id: "no-such-token" }),
    expect: admins(400),
  },
  { route: "routes/settings.audit", method: "GET", path: () => "/settings/audit", expect: admins(200) },
  // Everyone signed in has a profile of their own; a made-up time zone is refused and writes nothing.
  { route: "routes/settings.profile", method: "GET", path: () => "/settings/profile", expect: signedIn(200) },
  {
    route: "routes/settings.profile",
    method: "POST",
    path: () => "/settings/profile",
    body: () => ({ intent: "time_zone", timeZone: "Mars/Olympus_Mons" }),
    expect: signedIn(400),
  },
  { route: "routes/settings.people", method: "GET", path: () => "/settings/people", expect: admins(200) },
  // Invalid on purpose (no email), so the administrator's row writes nothing either.
  { route: "routes/settings.people", method: "POST", path: () => "/settings/people", body: () => ({ intent: "invite", name: "Eve" }), expect: admins(400) },
  {
    route: "routes/settings.people",
    method: "POST",
    path: () => "/settings/people",
    body: () => ({ intent: "deactivate", userId: "no-such-person" }),
    expect: admins(404),
  },
  { route: "routes/theme", method: "GET", path: () => "/theme", expect: everyone(302) },
  { route: "routes/theme", method: "POST", path: () => "/theme", body: () => ({ theme: "purple", redirectTo: "/board" }), expect: signedIn(400) },
  { route: "routes/search", method: "GET", path: () => "/search?q=pick", expect: signedIn(200) },
  // What the command palette finds as one types (issue 27, item 3): anyone who may read projects.
  { route: "routes/palette", method: "GET", path: () => "/palette?q=pick", expect: signedIn(200) },
  // Notifications (issue 25): each person's own; a notification that is not theirs is not found.
  { route: "routes/notifications", method: "GET", path: () => "/notifications", expect: signedIn(200) },
  { route: "routes/notifications", method: "POST", path: () => "/notifications", body: () => ({ intent: "read", id: "999999999" }), expect: signedIn(404) },
  { route: "routes/settings.notifications", method: "GET", path: () => "/settings/notifications", expect: signedIn(200) },
  {
    route: "routes/settings.notifications",
    method: "POST",
    path: () => "/settings/notifications",
    body: () => ({ intent: "settings", request: "now", digestHour: "99", timeZone: "UTC" }),
    expect: signedIn(400),
  },
  // An unsubscribe link is its own proof: anyone, signed in or not, and a forged one is a 400.
  { route: "routes/notifications_.unsubscribe", method: "GET", path: () => "/notifications/unsubscribe?u=x&k=request&s=forged", expect: everyone(400) },
  {
    route: "routes/notifications_.unsubscribe",
    method: "POST",
    path: () => "/notifications/unsubscribe?u=x&k=request&s=forged",
    body: () => ({}),
    expect: everyone(400),
  },
  // Single sign-on: not set up on this server, so there is nothing to start or finish.
  { route: "routes/auth.sso", method: "GET", path: () => "/auth/sso", expect: everyone(404) },
  { route: "routes/auth.sso_.callback", method: "GET", path: () => "/auth/sso/callback?code=x&state=y", expect: everyone(404) },
  { route: "routes/settings.sign-in", method: "GET", path: () => "/settings/sign-in", expect: admins(200) },
  {
    route: "routes/settings.sign-in",
    method: "POST",
    path: () => "/settings/sign-in",
    body: () => ({ intent: "sign_in", passwordSignIn: "maybe" }),
    expect: admins(400),
  },
  // A calendar feed's address is its proof; one nobody made is not found, for anyone.
  { route: "routes/calendar.$token", method: "GET", path: () => "/calendar/not-a-link.ics", expect: everyone(404) },
  // Anyone who reads a project may watch it.
  { route: "routes/projects+/$key_.watch", method: "GET", path: (c) => `/projects/${c.key}/watch`, expect: everyone(404) },
  { route: "routes/projects+/$key_.watch", method: "POST", path: (c) => `/projects/${c.key}/watch`, body: () => ({ watch: "maybe" }), expect: signedIn(400) },
  // Webhook endpoints: administrators.
  { route: "routes/settings.webhooks", method: "GET", path: () => "/settings/webhooks", expect: admins(200) },
  {
    route: "routes/settings.webhooks",
    method: "POST",
    path: () => "/settings/webhooks",
    body: () => ({ intent: "add", url: "https://127.0.0.1/x" }),
    expect: admins(400),
  },
  { route: "routes/settings.webhooks_.$id", method: "GET", path: () => "/settings/webhooks/no-such-endpoint", expect: admins(404) },
  {
    route: "routes/settings.webhooks_.$id",
    method: "POST",
    path: () => "/settings/webhooks/no-such-endpoint",
    body: () => ({ intent: "remove", endpointId: "no-such-endpoint" }),
    expect: admins(404),
  },
  { route: "routes/inbox", method: "GET", path: () => "/inbox", expect: signedIn(200) },
  { route: "routes/inbox", method: "POST", path: () => "/inbox", body: () => ({ intent: "everything" }), expect: signedIn(400) },
  {
    route: "routes/inbox",
    method: "POST",
    path: () => "/inbox",
    body: () => ({ intent: "mention_done", commentId: "no-such-comment" }),
    expect: signedIn(404),
  },
  { route: "routes/settings.teams._index", method: "GET", path: () => "/settings/teams", expect: admins(200) },
  { route: "routes/settings.teams._index", method: "POST", path: () => "/settings/teams", body: () => ({ intent: "create", name: "" }), expect: admins(400) },
  { route: "routes/settings.teams.$slug", method: "GET", path: () => "/settings/teams/fulfilment", expect: admins(200) },
  {
    route: "routes/settings.teams.$slug",
    method: "POST",
    path: () => "/settings/teams/fulfilment",
    body: () => ({ intent: "add_member", userId: "", role: "gatekeeper" }),
    expect: admins(400),
  },
  // A sign-up link is its own credential: a made-up one is refused for everyone, signed in or not.
  { route: "routes/signup.$token", method: "GET", path: () => "/signup/made-up-token", expect: everyone(400) },
  {
    route: "routes/signup.$token",
    method: "POST",
    path: () => "/signup/made-up-token",
    body: () => ({ name: "Eve", password: "pallet-ramp-quietly-42" }),
    expect: everyone(400),
  },
  { route: "routes/projects+/_index", method: "GET", path: () => "/projects?sort=title", expect: signedIn(200) },
  {
    route: "routes/projects+/_index",
    method: "POST",
    path: () => "/projects?index",
    body: () => ({ intent: "columns", col: "no-such-column" }),
    expect: signedIn(400),
  },
  // A row's team changed from the table (issue 27, item 4): its facts' editors (to the team it has: nothing to write); everyone else 403.
  {
    route: "routes/projects+/_index",
    method: "POST",
    path: () => "/projects?index",
    body: (c) => ({ intent: "change_projects", keys: c.key, field: "team", teamId: c.teamId }),
    expect: factEditors(302),
  },
  // Saved views are each person's own (issue 27, item 4): anyone signed in keeps theirs; another's is not found.
  { route: "routes/projects+/_index", method: "POST", path: () => "/projects?index", body: () => ({ intent: "save_view", name: "" }), expect: signedIn(400) },
  {
    route: "routes/projects+/_index",
    method: "POST",
    path: () => "/projects?index",
    body: () => ({ intent: "delete_view", viewId: "no-such-view" }),
    expect: signedIn(404),
  },
  { route: "routes/projects[.]csv", method: "GET", path: () => "/projects.csv?stage=plan", expect: signedIn(200) },
  { route: "routes/projects+/new", method: "GET", path: () => "/projects/new", expect: creators(200) },
  { route: "routes/projects+/new", method: "POST", path: () => "/projects/new", body: () => ({ intent: "create_project", title: "" }), expect: creators(400) },
  // The project page is a frame ($key) over one route per tab; the overview is its index route, so
  // a form posted to it carries ?index (Remix's <Form> adds it).
  { route: "routes/projects+/$key", method: "GET", path: (c) => `/projects/${c.key}/decisions`, expect: signedIn(200) },
  { route: "routes/projects+/$key._index", method: "GET", path: (c) => `/projects/${c.key}`, expect: signedIn(200) },
  {
    route: "routes/projects+/$key._index",
    method: "POST",
    path: (c) => `/projects/${c.key}?index`,
    body: (c) => ({ intent: "decide", version: String(c.version()), kind: "hold", rationale: "Probe" }),
    expect: gatekeepers(400),
  },
  {
    route: "routes/projects+/$key._index",
    method: "POST",
    path: (c) => `/projects/${c.key}?index`,
    body: () => ({ intent: "close_condition" }),
    expect: gatekeepers(400),
  },
  {
    route: "routes/projects+/$key._index",
    method: "POST",
    path: (c) => `/projects/${c.key}?index`,
    body: () => ({ intent: "fork", title: "" }),
    expect: planners(400),
  },
  {
    route: "routes/projects+/$key._index",
    method: "POST",
    path: (c) => `/projects/${c.key}?index`,
    body: () => ({ intent: "request_review", confirm: "maybe" }),
    expect: reviewRequesters(400),
  },
  {
    route: "routes/projects+/$key._index",
    method: "POST",
    path: (c) => `/projects/${c.key}?index`,
    body: () => ({ intent: "steady_owner", userId: "x".repeat(100) }),
    expect: factEditors(400),
  },
  {
    route: "routes/projects+/$key._index",
    method: "POST",
    path: (c) => `/projects/${c.key}?index`,
    body: () => ({ intent: "no_such_intent" }),
    expect: signedIn(400),
  },
  { route: "routes/projects+/$key.people", method: "GET", path: (c) => `/projects/${c.key}/people`, expect: signedIn(200) },
  {
    route: "routes/projects+/$key.people",
    method: "POST",
    path: (c) => `/projects/${c.key}/people`,
    body: () => ({ intent: "assign_role", userId: "", role: "contributor" }),
    expect: peopleManagers(400),
  },
  // Handing over ownership: the owner or a gatekeeper; a contributor who names themselves owner is refused, and so is a stakeholder.
  {
    route: "routes/projects+/$key.people",
    method: "POST",
    path: (c) => `/projects/${c.key}/people`,
    body: (c) => ({ intent: "assign_role", userId: c.ownerId, role: "owner" }),
    expect: peopleManagers(400),
  },
  {
    route: "routes/projects+/$key.people",
    method: "POST",
    path: (c) => `/projects/${c.key}/people`,
    body: () => ({ intent: "remove_role", roleId: "no-such-role" }),
    expect: peopleManagers(404),
  },
  // Nobody, administrators included, makes the owner a decider of their own project: those who name
  // deciders are told so by field, everyone else may not name deciders at all.
  {
    route: "routes/projects+/$key.people",
    method: "POST",
    path: (c) => `/projects/${c.key}/people`,
    body: (c) => ({ intent: "assign_role", userId: c.ownerId, role: "decider" }),
    expect: only("gatekeeper")(400),
  },
  {
    route: "routes/projects+/$key.people",
    method: "POST",
    path: (c) => `/projects/${c.key}/people`,
    body: () => ({ intent: "acknowledge_role", roleId: "no-such-role" }),
    expect: signedIn(404),
  },
  {
    route: "routes/projects+/$key.people",
    method: "POST",
    path: (c) => `/projects/${c.key}/people`,
    body: () => ({ intent: "decide" }),
    expect: signedIn(400),
  },
  { route: "routes/projects+/$key.plan", method: "GET", path: (c) => `/projects/${c.key}/plan`, expect: signedIn(200) },
  {
    route: "routes/projects+/$key.plan",
    method: "POST",
    path: (c) => `/projects/${c.key}/plan`,
    body: () => ({ intent: "add_tenet", title: "" }),
    expect: planners(400),
  },
  {
    route: "routes/projects+/$key.plan",
    method: "POST",
    path: (c) => `/projects/${c.key}/plan`,
    body: () => ({ intent: "remove_milestone", id: "no-such-milestone" }),
    expect: planners(404),
  },
  { route: "routes/projects+/$key.artifacts", method: "GET", path: (c) => `/projects/${c.key}/artifacts`, expect: signedIn(200) },
  { route: "routes/projects+/$key.decisions", method: "GET", path: (c) => `/projects/${c.key}/decisions`, expect: signedIn(200) },
  { route: "routes/projects+/$key.history", method: "GET", path: (c) => `/projects/${c.key}/history?log=gate`, expect: signedIn(200) },
  { route: "routes/projects+/$key.history", method: "GET", path: (c) => `/projects/${c.key}/history?log=everything`, expect: signedIn(400) },
  { route: "routes/projects+/$key_.edit", method: "GET", path: (c) => `/projects/${c.key}/edit`, expect: factEditors(200) },
  {
    route: "routes/projects+/$key_.edit",
    method: "POST",
    path: (c) => `/projects/${c.key}/edit`,
    body: (c) => ({ version: String(c.version()), title: "" }),
    expect: factEditors(400),
  },
  {
    route: "routes/projects+/$key_.artifacts.new",
    method: "GET",
    path: (c) => `/projects/${c.key}/artifacts/new?kind=other&stage=identify&mode=link`,
    expect: writers(200),
  },
  {
    route: "routes/projects+/$key_.artifacts.new",
    method: "POST",
    path: (c) => `/projects/${c.key}/artifacts/new`,
    body: () => ({ mode: "link", kind: "other", stage: "identify", title: "", url: "" }),
    expect: writers(400),
  },
  { route: "routes/projects+/$key.metrics", method: "GET", path: (c) => `/projects/${c.key}/metrics`, expect: signedIn(200) },
  {
    route: "routes/projects+/$key.metrics",
    method: "POST",
    path: (c) => `/projects/${c.key}/metrics`,
    body: () => ({ name: "" }),
    expect: planners(400),
  },
  { route: "routes/projects+/$key_.metrics_.import", method: "GET", path: (c) => `/projects/${c.key}/metrics/import`, expect: writers(200) },
  {
    route: "routes/projects+/$key_.metrics_.import",
    method: "POST",
    path: (c) => `/projects/${c.key}/metrics/import`,
    body: () => ({ importId: "no-such-import" }),
    expect: writers(400),
  },
  { route: "routes/artifacts+/$id", method: "GET", path: (c) => `/artifacts/${c.artifactId}`, expect: signedIn(200) },
  {
    route: "routes/artifacts+/$id",
    method: "POST",
    path: (c) => `/artifacts/${c.artifactId}`,
    body: () => ({ intent: "action_item", itemId: "no-such-item", done: "true" }),
    expect: writers(404),
  },
  {
    route: "routes/artifacts+/$id",
    method: "POST",
    path: (c) => `/artifacts/${c.artifactId}`,
    body: () => ({ intent: "request_review", reviewerId: "no-such-person" }),
    expect: writers(400),
  },
  // Comments (issue 24): everyone who reads the project except viewers, refused before the form is read.
  {
    route: "routes/artifacts+/$id",
    method: "POST",
    path: (c) => `/artifacts/${c.artifactId}`,
    body: () => ({ intent: "start_thread", body: "On this", quote: "a passage no document has", version: "1" }),
    expect: creators(400),
  },
  {
    route: "routes/artifacts+/$id",
    method: "POST",
    path: (c) => `/artifacts/${c.artifactId}`,
    body: () => ({ intent: "reply", threadId: "no-such-thread", body: "Agreed" }),
    expect: creators(404),
  },
  {
    route: "routes/artifacts+/$id",
    method: "POST",
    path: (c) => `/artifacts/${c.artifactId}`,
    body: () => ({ intent: "resolve_thread", threadId: "no-such-thread", resolved: "yes" }),
    expect: creators(404),
  },
  {
    route: "routes/artifacts+/$id",
    method: "POST",
    path: (c) => `/artifacts/${c.artifactId}`,
    body: () => ({ intent: "mark_read", version: "99" }),
    expect: creators(400),
  },
  // The editor's drafts: a draft of an artifact is written by those who may write it.
  {
    route: "routes/artifacts+/drafts",
    method: "POST",
    path: () => "/artifacts/drafts",
    body: (c) => ({ key: `artifact:${c.artifactId}`, title: "x".repeat(300), body: "Draft" }),
    expect: creators(400),
  },
  // The editor's live preview: anyone who may write, nothing stored.
  { route: "routes/artifacts+/preview", method: "POST", path: () => "/artifacts/preview", body: () => ({ body: "# A heading" }), expect: creators(200) },
  { route: "routes/artifacts+/$id_.read", method: "GET", path: (c) => `/artifacts/${c.artifactId}/read?comments=1`, expect: signedIn(200) },
  {
    route: "routes/artifacts+/$id_.read",
    method: "POST",
    path: (c) => `/artifacts/${c.artifactId}/read`,
    body: () => ({ intent: "mark_read", version: "0" }),
    expect: creators(400),
  },
  // Retrospectives (issue 26): everyone reads them; the owner writes them; everyone taking part comments and action owners mark their items.
  { route: "routes/projects+/$key.retrospectives", method: "GET", path: (c) => `/projects/${c.key}/retrospectives`, expect: signedIn(200) },
  { route: "routes/projects+/$key.retrospectives_.$id", method: "GET", path: (c) => `/projects/${c.key}/retrospectives/${c.retroId}`, expect: signedIn(200) },
  { route: "routes/projects+/$key.retrospectives_.$id", method: "GET", path: (c) => `/projects/${c.key}/retrospectives/no-such-retro`, expect: signedIn(404) },
  {
    route: "routes/projects+/$key.retrospectives_.$id",
    method: "POST",
    path: (c) => `/projects/${c.key}/retrospectives/${c.retroId}`,
    body: () => ({ intent: "write", expected: "", happened: "Slower than hoped", differently: "Ask earlier", "whys[0]": "" }),
    expect: factEditors(400),
  },
  {
    route: "routes/projects+/$key.retrospectives_.$id",
    method: "POST",
    path: (c) => `/projects/${c.key}/retrospectives/${c.retroId}`,
    body: () => ({ intent: "action_done", actionId: "no-such-item", done: "yes" }),
    expect: creators(404),
  },
  {
    route: "routes/projects+/$key.retrospectives_.$id",
    method: "POST",
    path: (c) => `/projects/${c.key}/retrospectives/${c.retroId}`,
    body: () => ({ intent: "start_thread", body: "" }),
    expect: creators(400),
  },
  { route: "routes/lessons", method: "GET", path: () => "/lessons?q=pick&stage=plan&page=2", expect: signedIn(200) },
  // COE records (issue 26): everyone reads one; those who write the project's artifacts keep it; administrators keep the categories.
  { route: "routes/artifacts+/$id_.record", method: "GET", path: (c) => `/artifacts/${c.coeId}/record`, expect: signedIn(200) },
  { route: "routes/artifacts+/$id_.record", method: "GET", path: (c) => `/artifacts/${c.artifactId}/record`, expect: signedIn(404) },
  {
    route: "routes/artifacts+/$id_.record",
    method: "POST",
    path: (c) => `/artifacts/${c.coeId}/record`,
    body: () => ({ intent: "record", impactCount: "many" }),
    expect: writers(400),
  },
  {
    route: "routes/artifacts+/$id_.record",
    method: "POST",
    path: (c) => `/artifacts/${c.coeId}/record`,
    body: () => ({ intent: "recurrence_reviewed" }),
    expect: writers(404),
  },
  { route: "routes/settings.root-causes", method: "GET", path: () => "/settings/root-causes", expect: admins(200) },
  {
    route: "routes/settings.root-causes",
    method: "POST",
    path: () => "/settings/root-causes",
    body: () => ({ intent: "migrate", everything: "yes" }),
    expect: admins(400),
  },
  { route: "routes/settings.root-causes", method: "POST", path: () => "/settings/root-causes", body: () => ({ intent: "add", name: "" }), expect: admins(400) },
  {
    route: "routes/settings.root-causes",
    method: "POST",
    path: () => "/settings/root-causes",
    body: () => ({ intent: "archive", categoryId: "no-such-category", archived: "yes" }),
    expect: admins(404),
  },
  { route: "routes/projects+/$key.discussion", method: "GET", path: (c) => `/projects/${c.key}/discussion`, expect: signedIn(200) },
  {
    route: "routes/projects+/$key.discussion",
    method: "POST",
    path: (c) => `/projects/${c.key}/discussion`,
    body: () => ({ intent: "start_thread", body: "A question", about: "no-such-review" }),
    expect: creators(400),
  },
  {
    route: "routes/projects+/$key.discussion",
    method: "POST",
    path: (c) => `/projects/${c.key}/discussion`,
    body: () => ({ intent: "edit_comment", commentId: "no-such-comment", body: "New words" }),
    expect: creators(404),
  },
  { route: "routes/artifacts+/$id_.edit", method: "GET", path: (c) => `/artifacts/${c.artifactId}/edit`, expect: writers(200) },
  {
    route: "routes/artifacts+/$id_.edit",
    method: "POST",
    path: (c) => `/artifacts/${c.artifactId}/edit`,
    body: () => ({ title: "" }),
    expect: writers(400),
  },
  { route: "routes/metrics+/$id", method: "GET", path: (c) => `/metrics/${c.metricId}`, expect: signedIn(200) },
  { route: "routes/metrics+/$id", method: "POST", path: (c) => `/metrics/${c.metricId}`, body: () => ({ intent: "values" }), expect: writers(400) },
  {
    route: "routes/metrics+/$id",
    method: "POST",
    path: (c) => `/metrics/${c.metricId}`,
    body: () => ({ intent: "retire", reason: "" }),
    expect: planners(400),
  },
  {
    route: "routes/metrics+/$id",
    method: "POST",
    path: (c) => `/metrics/${c.metricId}`,
    body: () => ({ intent: "update", name: "" }),
    expect: planners(400),
  },
  {
    route: "routes/metrics+/$id",
    method: "POST",
    path: (c) => `/metrics/${c.metricId}`,
    body: () => ({ intent: "annotate", period: "not-a-date" }),
    expect: commenters(400),
  },
  // The API answers to tokens only: a session cookie, anyone's, is not a credential there.
  { route: "routes/api.v1.values", method: "GET", path: () => "/api/v1/values", expect: everyone(405) },
  { route: "routes/api.v1.values", method: "POST", path: () => "/api/v1/values", body: () => ({ values: "[]" }), json: true, expect: everyone(401) },
  { route: "routes/api.v1.metrics.$id.values", method: "GET", path: (c) => `/api/v1/metrics/${c.metricId}/values`, expect: everyone(401) },
  // The read API (issue 25): a token or nothing, whoever is signed in; its document is public.
  ...(
    [
      ["routes/api.v1.projects._index", () => "/api/v1/projects"],
      ["routes/api.v1.projects.$key._index", (c: Ctx) => `/api/v1/projects/${c.key}`],
      ["routes/api.v1.projects.$key.decisions", (c: Ctx) => `/api/v1/projects/${c.key}/decisions`],
      ["routes/api.v1.metrics.$id._index", (c: Ctx) => `/api/v1/metrics/${c.metricId}`],
      ["routes/api.v1.artifacts.$id", (c: Ctx) => `/api/v1/artifacts/${c.artifactId}`],
    ] as const
  ).flatMap(([route, path]): Row[] => [
    { route, method: "GET", path, expect: everyone(401) },
    { route, method: "POST", path, body: () => ({}), json: true, expect: everyone(405) },
  ]),
  { route: "routes/api.v1.openapi[.]json", method: "GET", path: () => "/api/v1/openapi.json", expect: everyone(200) },
  { route: "routes/api.v1.openapi[.]json", method: "POST", path: () => "/api/v1/openapi.json", body: () => ({}), json: true, expect: everyone(405) },
  { route: "routes/api.v1.$", method: "GET", path: () => "/api/v1/nothing-here", expect: everyone(404) },
  { route: "routes/api.v1.$", method: "POST", path: () => "/api/v1/nothing-here", body: () => ({}), json: true, expect: everyone(404) },
  {
    route: "routes/api.v1.metrics.$id.values",
    method: "POST",
    path: (c) => `/api/v1/metrics/${c.metricId}/values`,
    body: () => ({ periodStart: "2026-11-16" }),
    json: true,
    expect: everyone(401),
  },
  // Signing out ends the session it is sent with; it comes last (see the run order below).
  { route: "routes/_auth+/logout", method: "POST", path: () => "/logout", body: () => ({}), expect: everyone(302) },
];

let server: RunningServer;
let sqlite: Database.Database;
const cookies = {} as Record<Actor, string | null>;
let ctx: Ctx;

beforeAll(async () => {
  const started = await startServer({ dbFile: tempDbFile(), env: { DEMO_PASSWORD: PASSWORD } });
  if (!started.ok) throw new Error(started.output);
  server = started.server;
  sqlite = new Database(server.dbFile);
  const one = <T>(sql: string, ...args: unknown[]) => sqlite.prepare(sql).get(...args) as T;
  // A project with an artifact and a metric, owned by a member who did not propose it.
  const project = one<{ id: string; key: string; ownerId: string; proposerId: string; teamId: string }>(
    `SELECT p."id", p."key", p."ownerId", p."proposerId", p."teamId" FROM "Project" p
     WHERE p."status" = 'active' AND p."ownerId" IS NOT NULL AND p."proposerId" <> p."ownerId" AND p."teamId" IS NOT NULL
       AND EXISTS (SELECT 1 FROM "Artifact" a WHERE a."projectId" = p."id") AND EXISTS (SELECT 1 FROM "Metric" m WHERE m."projectId" = p."id")
     ORDER BY p."number" LIMIT 1`,
  );
  const onProject = (sqlite.prepare(`SELECT "userId" FROM "ProjectRole" WHERE "projectId" = ?`).all(project.id) as { userId: string }[]).map((r) => r.userId);
  const decider = one<{ userId: string }>(`SELECT "userId" FROM "ProjectRole" WHERE "projectId" = ? AND "role" = 'decider' LIMIT 1`, project.id).userId;
  const outsiders = (sqlite.prepare(`SELECT "id" FROM "User" WHERE "role" = 'member' ORDER BY "email"`).all() as { id: string }[])
    .map((u) => u.id)
    .filter((id) => !onProject.includes(id) && id !== project.proposerId);
  // A stakeholder who holds no other role, named as the app would (one row, acknowledged).
  const stakeholder = outsiders[0]!;
  // A contributor, and a gatekeeper of the project's team who holds no role on it: two new members
  // who sign in with the demo's password (its hash copied from a demo member).
  const prisma = createPrismaClient(`file:${server.dbFile}`);
  const { passwordHash } = await prisma.user.findUniqueOrThrow({ where: { email: "member@example.com" }, select: { passwordHash: true } });
  const newMember = async (email: string) => (await prisma.user.create({ data: { email, name: email.split("@")[0]!, role: "member", passwordHash } })).id;
  const contributor = await newMember("matrix-contributor@example.com");
  const consulted = await newMember("matrix-consulted@example.com");
  const gatekeeper = await newMember("matrix-gatekeeper@example.com");
  await prisma.projectRole.create({ data: { projectId: project.id, userId: stakeholder, role: "stakeholder" } });
  await prisma.projectRole.create({ data: { projectId: project.id, userId: contributor, role: "contributor" } });
  await prisma.projectRole.create({ data: { projectId: project.id, userId: consulted, role: "consulted" } });
  await prisma.teamMember.create({ data: { teamId: project.teamId, userId: gatekeeper, role: "gatekeeper" } });
  // The decider probed decides only: not also a gatekeeper of the team (the demo makes some both).
  await prisma.teamMember.updateMany({ where: { teamId: project.teamId, userId: decider }, data: { role: "member" } });
  // A retrospective on the project, opened by a Recycle at its stage (as the gate would open one).
  const stage = one<{ stage: string }>(`SELECT "stage" FROM "Project" WHERE "id" = ?`, project.id).stage as "plan";
  const review = await prisma.gateReview.create({ data: { projectId: project.id, stage, decision: "recycle", decidedAt: new Date(), rationale: "Probe" } });
  const retro = await prisma.retrospective.create({ data: { projectId: project.id, reviewId: review.id, trigger: "recycle", stage, required: false } });
  // A COE on the project, written by a member none of the probes is.
  const coeAuthor = await newMember("matrix-coe-author@example.com");
  const coe = await prisma.artifact.create({ data: { projectId: project.id, kind: "coe", stage, title: "Matrix COE", body: "Summary", authorId: coeAuthor } });
  await prisma.$disconnect();
  const emails = (id: string) => one<{ email: string }>(`SELECT "email" FROM "User" WHERE "id" = ?`, id).email;
  const people: Record<Exclude<Actor, "anonymous">, string> = {
    viewer: "viewer@example.com",
    member: emails(outsiders[1]!),
    stakeholder: emails(stakeholder),
    consulted: emails(consulted),
    contributor: emails(contributor),
    owner: emails(project.ownerId),
    decider: emails(decider),
    gatekeeper: emails(gatekeeper),
    admin: "admin@example.com",
  };
  cookies.anonymous = null;
  for (const [actor, email] of Object.entries(people)) cookies[actor as Actor] = await signIn(server.base, email, PASSWORD);
  ctx = {
    key: project.key,
    ownerId: project.ownerId,
    teamId: one<{ teamId: string }>(`SELECT "teamId" FROM "Project" WHERE "id" = ?`, project.id).teamId,
    // One whose author is none of the people probed (an author writes their own artifact whatever their role).
    artifactId: one<{ id: string }>(
      `SELECT "id" FROM "Artifact" WHERE "projectId" = ? AND "authorId" NOT IN (?, ?, ?, ?, ?, ?) ORDER BY "id" LIMIT 1`,
      project.id,
      stakeholder,
      consulted,
      contributor,
      gatekeeper,
      decider,
      outsiders[1]!,
    ).id,
    metricId: one<{ id: string }>(`SELECT "id" FROM "Metric" WHERE "projectId" = ? ORDER BY "id" LIMIT 1`, project.id).id,
    retroId: retro.id,
    coeId: coe.id,
    version: () => one<{ version: number }>(`SELECT "version" FROM "Project" WHERE "id" = ?`, project.id).version,
  };
}, 120_000);

afterAll(async () => {
  sqlite?.close();
  await server?.stop();
  if (server) removeDb(server.dbFile);
});

describe("the authorization matrix", () => {
  it("has a row for every route in the route tree, and one for each route's action", async () => {
    const build = (await import(pathToFileURL(path.join(ROOT, "build", "index.js")).href)) as {
      routes: Record<string, { module: { action?: unknown; loader?: unknown } }>;
    };
    const routes = Object.keys(build.routes).sort();
    expect([...new Set(ROWS.map((r) => r.route))].sort()).toEqual(routes);
    const withAction = routes.filter((id) => typeof build.routes[id]!.module.action === "function");
    expect(withAction.filter((id) => !ROWS.some((r) => r.route === id && r.method === "POST"))).toEqual([]);
    const withLoader = routes.filter((id) => id !== "root" && typeof build.routes[id]!.module.loader === "function");
    expect(withLoader.filter((id) => !ROWS.some((r) => r.route === id && r.method === "GET"))).toEqual([]);
  });

  it("gives each of the ten people the status the table says, and a refused request changes nothing", async () => {
    const mismatches: string[] = [];
    const lastEvent = () => (sqlite.prepare(`SELECT coalesce(max("id"), 0) AS id FROM "AuditEvent"`).get() as { id: number }).id;
    // Writes to any table but the rate limits' counters (which count every login and API attempt by design).
    const writes = watchWrites(sqlite);
    for (const row of ROWS) {
      for (const actor of ACTORS) {
        const headers: Record<string, string> = {};
        if (cookies[actor]) headers.cookie = cookies[actor]!;
        let body: string | undefined;
        if (row.method === "POST") {
          const fields = row.body!(ctx);
          headers["content-type"] = row.json ? "application/json" : "application/x-www-form-urlencoded";
          body = row.json ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
        }
        const before = { writes: writes(), event: lastEvent() };
        const response = await fetch(`${server.base}${row.path(ctx)}`, { method: row.method, headers, body, redirect: "manual" });
        await response.arrayBuffer();
        const expected = row.expect[actor];
        const cell = `${row.method} ${row.path(ctx)} ${row.body ? JSON.stringify(row.body(ctx)) : ""} as ${actor}`;
        if (response.status !== expected) mismatches.push(`${cell}: ${response.status}, expected ${expected}`);
        // Nothing in this table may write, except a refused attempt's audit record and signing out.
        const isLogout = row.route === "routes/_auth+/logout" && row.method === "POST";
        if (writes() !== before.writes && !isLogout) {
          const written = sqlite.prepare(`SELECT "action" FROM "AuditEvent" WHERE "id" > ?`).all(before.event) as { action: string }[];
          if (written.length === 0 || written.some((e) => !e.action.endsWith(".refused")))
            mismatches.push(`${cell}: wrote ${written.map((e) => e.action).join(", ") || "rows outside the audit trail"}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
