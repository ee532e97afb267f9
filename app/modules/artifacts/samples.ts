// Complete documents that pass every check of their kind: the demo's approved artifacts and the
// base the check tests break one section at a time.
import type { ArtifactKind } from "~/modules/lifecycle/stages";
import { filledBody } from "./templates";

const SAMPLE_SECTIONS: Record<string, string> = {
  "Who is the customer?": "Small retailers who sell online and ship their own parcels.",
  Heading: "Retailers print shipping labels in one click.",
  Subheading: "Small retailers save an hour a day on every order batch.",
  "External FAQ": "### How much does it cost?\n\nNothing for the first thousand labels a month.",
  "Internal FAQ": "### What will we not do?\n\nWe will not build our own carrier network.",
  Goals: "- Cut setup time: baseline 40 minutes, target 10 minutes by 2027-06-30.\n- Raise weekly active shops: baseline 1,200, target 2,000 by Q4 2027.",
  Alternatives: "- Doing nothing: retailers keep copying addresses by hand.\n- Partner with a label vendor.\n- Build the labels ourselves.",
  "Customer impact": "1,204 customers could not upload files for 47 minutes.",
  Timeline: "- 09:12 the deploy started and errors began.\n- 09:20 an alarm detected the error rate.\n- 09:59 the rollback mitigated the impact.",
  "Five whys":
    "### Uploads failed\n\n1. Why did uploads fail? The storage client timed out.\n2. Why did it time out? The connection pool was empty.\n3. Why was it empty? A config change halved its size.\n4. Why was that not caught? The canary stage was skipped.\n5. Why was it skipped? The deploy tool allows skipping it without approval.",
  "Root causes": "- RC1: The deploy tool lets a change skip the canary stage without approval.",
  "Action items": "- Require approval to skip the canary stage (RC1). Owner: Max Member. Due: 2027-01-15. Ticket: https://tickets.example.com/OPS-1",
  Date: "2026-11-23",
  Attendees: "The project's owner, deciders and two stakeholders.",
  Decisions: "- Go ahead with the pilot in two regions.",
};

/** A sample document of `kind` that passes all of its checks (kinds without a template: a short note). */
export function sampleBody(
  kind: ArtifactKind,
  title: string,
  filler = "This section says what it must, in plain words, with the numbers that matter.",
): string {
  return filledBody(kind, title, (section) => {
    if (kind === "meeting_minutes" && section.title === "Action items") {
      return "- Draft the how-document. Owner: Max Member. Due: 2026-12-04";
    }
    return SAMPLE_SECTIONS[section.title] ?? filler;
  });
}
