// One-time links by email (issue 12, item 2): when SMTP_URL is set, an invitation or a
// password-reset link is also sent to the person with nodemailer. The page shows the link
// either way, so a missing or failing mail server never stops anyone from joining.
import nodemailer from "nodemailer";

export type LinkMail = { to: string; name: string; url: string; kind: "invite" | "reset"; organisation: string; days: number };
export type MailOutcome = { sent: true } | { sent: false; reason: string } | null;

/** The message for a one-time link: plain text, the link on its own line. */
export function linkMessage(mail: LinkMail) {
  const where = mail.organisation || "Gatepath";
  const subject = mail.kind === "invite" ? `You are invited to ${where} on Gatepath` : `Reset your Gatepath password for ${where}`;
  const lead =
    mail.kind === "invite"
      ? `You are invited to ${where} on Gatepath. Open this link to choose your password and join:`
      : "An administrator made you a link to choose a new password:";
  const validity = mail.kind === "invite" ? `${mail.days} days` : "24 hours";
  return {
    subject,
    text: `Hello ${mail.name},\n\n${lead}\n\n${mail.url}\n\nThe link works once, for ${validity}. If you did not expect it, ignore this email.\n`,
  };
}

/**
 * Sends a one-time link when SMTP_URL is set (null otherwise). A failure is reported, not
 * thrown: the link was made and is shown on the page to hand over by other means.
 */
export async function sendLinkMail(mail: LinkMail, env: Record<string, string | undefined> = process.env): Promise<MailOutcome> {
  const url = env.SMTP_URL?.trim();
  if (!url) return null;
  try {
    const transport = nodemailer.createTransport(url);
    const { subject, text } = linkMessage(mail);
    await transport.sendMail({ from: env.MAIL_FROM?.trim() || "Gatepath <gatepath@localhost>", to: mail.to, subject, text });
    return { sent: true };
  } catch (error) {
    return { sent: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
