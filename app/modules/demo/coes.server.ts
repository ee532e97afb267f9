// The demo's root-cause categories and two COEs kept as records (issue 26): the first closed, the
// second's root cause in the same category, so the demo shows a recurrence, the dashboard's
// recurring categories and an open COE action item in Max Member's My work. Made through the same
// functions the pages call, so every row has its audit event.
import { createArtifact, setActionItemDone } from "~/modules/artifacts/artifacts.server";
import { sampleBody } from "~/modules/artifacts/samples";
import { addCategory, saveCoeRecord } from "~/modules/learning/coe.server";
import type { CoeRecordInput } from "~/modules/learning/coe";
import type { Person } from "~/modules/people/authorize";
import type { Db } from "~/utils/db.server";

const DAY = 86_400_000;

export const DEMO_CATEGORIES = [
  { name: "Deployment", description: "How a change reaches production: releases, canaries, rollbacks." },
  { name: "Capacity", description: "Not enough of something: hosts, people, stock, carrier slots." },
  { name: "Configuration", description: "A setting, flag or rule that was wrong." },
  { name: "Third-party dependency", description: "A carrier, supplier or service outside the organisation." },
  { name: "Monitoring gap", description: "Nothing told us in time." },
  { name: "Manual process", description: "A step done by hand that can be forgotten or done twice." },
];

/** A moment as the record form sends it (local time in UTC here). */
const local = (at: Date) => at.toISOString().slice(0, 16);

function unwrap<T extends { ok: boolean }>(result: T, what: string): Extract<T, { ok: true }> {
  if (!result.ok) throw new Error(`The demo could not ${what}: ${(result as { message?: string }).message ?? "refused"}`);
  return result as Extract<T, { ok: true }>;
}

/**
 * Adds the categories and the two COEs to a freshly seeded demo. `admin` writes them; the open
 * action item goes to `member`. Needs two active projects in Executing or Adoption.
 */
export async function seedDemoCoes(db: Db, admin: Person, member: Person, anchor: Date): Promise<void> {
  const ids = new Map<string, string>();
  for (const category of DEMO_CATEGORIES) ids.set(category.name, unwrap(await addCategory(db, admin, category), "add a category").id);
  const projects = await db.project.findMany({
    where: { status: "active", stage: { in: ["execute", "adopt"] }, ownerId: { not: null } },
    orderBy: { number: "asc" },
    take: 2,
    select: { id: true, stage: true, ownerId: true },
  });
  if (projects.length < 2) return;
  const ago = (days: number, hours = 0) => new Date(anchor.getTime() - days * DAY + hours * 3_600_000);

  const coes: { title: string; input: CoeRecordInput; close: boolean }[] = [
    {
      title: "Labels printed twice after the October release",
      close: true,
      input: {
        impactCount: 1204,
        impactMetricId: null,
        startedAt: local(ago(62, 9)),
        detectedAt: local(ago(62, 10)),
        mitigatedAt: local(ago(62, 12)),
        resolvedAt: local(ago(61, 15)),
        chains: [
          {
            problem: "Parcels left with two labels",
            whys: [
              "The print job ran twice",
              "The new release retried jobs that had already succeeded",
              "The retry change was not tried on a canary station",
              "The release had no canary stage",
              "Stop: releases are the deployment team's, and the action below adds the stage",
            ],
          },
        ],
        rootCauses: [{ text: "The release skipped the canary stage", categoryId: ids.get("Deployment")! }],
        actions: [{ title: "Add a canary stage to every warehouse release", ownerId: projects[0]!.ownerId!, dueDate: ago(40), link: null }],
        lesson: "Send every release through a canary station first, however small the change.",
      },
    },
    {
      title: "Carrier labels missing after a hotfix",
      close: false,
      input: {
        impactCount: 310,
        impactMetricId: null,
        startedAt: local(ago(9, 14)),
        detectedAt: local(ago(9, 16)),
        mitigatedAt: local(ago(9, 18)),
        resolvedAt: null,
        chains: [
          {
            problem: "Orders shipped without a carrier label",
            whys: ["The label service returned an empty file", "A hotfix changed its template", "Stop: the hotfix went out without the canary stage"],
          },
        ],
        rootCauses: [{ text: "A hotfix bypassed the canary stage", categoryId: ids.get("Deployment")! }],
        actions: [{ title: "Let no hotfix skip the canary stage", ownerId: member.id, dueDate: new Date(anchor.getTime() + 14 * DAY), link: null }],
        lesson: "A hotfix is a release: it goes through the canary too.",
      },
    },
  ];

  for (const [i, coe] of coes.entries()) {
    const project = projects[i]!;
    const made = unwrap(
      await createArtifact(db, admin, project.id, {
        kind: "coe",
        stage: project.stage,
        title: coe.title,
        mode: "document",
        body: sampleBody("coe", coe.title),
      }),
      "write a COE",
    );
    const artifactId = made.id;
    unwrap(await saveCoeRecord(db, admin, artifactId, coe.input, "UTC"), "save a COE's record");
    if (!coe.close) continue;
    const items = await db.coeActionItem.findMany({ where: { artifactId }, select: { id: true } });
    for (const item of items) unwrap(await setActionItemDone(db, admin, artifactId, item.id, true), "close an action item");
  }
}
