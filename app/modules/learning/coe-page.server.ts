// What a COE's record page shows (routes/artifacts+/$id_.record.tsx): the record with its moments
// in the reader's time zone (as the form's fields hold them, and as text), the recurrences both
// ways, the action items, and, for those who keep it, the categories, people and metrics to choose.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { canOnProject, canWriteArtifact, mayOwnWork, type Person } from "~/modules/people/authorize";
import { listUsers } from "~/modules/people/queries.server";
import { formatInstant } from "~/utils/dates";
import { prisma } from "~/utils/db.server";
import { listCategories, type coeRecordPage } from "./coe.server";

type CoePage = NonNullable<Awaited<ReturnType<typeof coeRecordPage>>>;

/** Who keeps a COE's record: those who write its document, while it is not withdrawn. */
export const mayWriteCoe = (user: Person, artifact: CoePage["artifact"]) =>
  artifact.state !== "withdrawn" && canWriteArtifact({ ...user, onProject: canOnProject(user, artifact.project, "write") }, artifact);

/** A stored instant as a datetime-local input shows it, in the reader's time zone. */
const localValue = (value: Date | string | null, timeZone: string) =>
  value ? format(new TZDate(new Date(value).getTime(), timeZone), "yyyy-MM-dd'T'HH:mm") : "";

/** Everything the record page shows of `page` to `user`. */
export async function coeRecordPageData(user: Person, page: CoePage, timeZone: string) {
  const writer = mayWriteCoe(user, page.artifact);
  const [categories, people, metrics] = writer
    ? await Promise.all([
        listCategories(prisma),
        listUsers(prisma),
        prisma.metric.findMany({ where: { projectId: page.artifact.projectId, retiredAt: null }, orderBy: { name: "asc" }, select: { id: true, name: true } }),
      ])
    : [[], [], []];
  const r = page.record;
  return {
    artifact: { id: page.artifact.id, title: page.artifact.title, project: { key: page.artifact.project.key, title: page.artifact.project.title } },
    record: r && {
      ...r,
      moments: {
        startedAt: localValue(r.startedAt, timeZone),
        detectedAt: localValue(r.detectedAt, timeZone),
        mitigatedAt: localValue(r.mitigatedAt, timeZone),
        resolvedAt: localValue(r.resolvedAt, timeZone),
      },
      shown: {
        startedAt: formatInstant(r.startedAt, timeZone, { time: true }),
        detectedAt: formatInstant(r.detectedAt, timeZone, { time: true }),
        mitigatedAt: formatInstant(r.mitigatedAt, timeZone, { time: true }),
        resolvedAt: r.resolvedAt ? formatInstant(r.resolvedAt, timeZone, { time: true }) : null,
      },
    },
    actions: page.artifact.actionItems,
    lesson: page.lesson,
    recurs: page.recurs,
    recurredIn: page.recurredIn,
    writer,
    timeZone,
    categories: categories.map((c) => ({ id: c.id, name: c.name })),
    // An action item's owner is someone who may act on it: never a viewer.
    people: people.filter(mayOwnWork).map((p) => ({ id: p.id, name: p.name })),
    metrics,
  };
}
