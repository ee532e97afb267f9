// The editor's background posts (its live preview and its drafts) change nothing a page shows:
// after them, no loader needs to run again. Without this, Remix would read every loader of the
// page again after each preview, that is on every pause in typing.
import type { ShouldRevalidateFunction } from "@remix-run/react";

const BACKGROUND = ["/artifacts/preview", "/artifacts/drafts"];

export const skipEditorBackground: ShouldRevalidateFunction = ({ formAction, formMethod, formData, defaultShouldRevalidate }) => {
  const background = formMethod?.toUpperCase() === "POST" && formAction !== undefined && BACKGROUND.includes(new URL(formAction, "http://x").pathname);
  // Discarding a draft is a navigation the page does show.
  return background && formData?.get("intent") !== "discard" ? false : defaultShouldRevalidate;
};
