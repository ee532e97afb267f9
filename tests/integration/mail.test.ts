// One-time links by email (issue 12, item 2): sent through a real SMTP conversation with an
// in-process server when SMTP_URL is set; nothing is sent without it, and a failure is reported.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendLinkMail, type LinkMail } from "~/modules/people/mail.server";

const received: { from: string; to: string[]; body: string }[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let body = "";
      stream.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), body });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const invite: LinkMail = {
  to: "nadia@northwind.test",
  name: "Nadia New",
  url: "https://gatepath.northwind.test/signup/abc123",
  kind: "invite",
  organisation: "Northwind Logistics",
  days: 7,
};

describe("emailing a one-time link", () => {
  it("sends nothing when SMTP_URL is not set", async () => {
    expect(await sendLinkMail(invite, {})).toBeNull();
    expect(received).toHaveLength(0);
  });

  it("sends the invitation to the person, from MAIL_FROM, with the link on its own line", async () => {
    const outcome = await sendLinkMail(invite, { SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Northwind Gatepath <gatepath@northwind.test>" });
    expect(outcome).toEqual({ sent: true });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.to).toEqual(["nadia@northwind.test"]);
    expect(mail!.from).toBe("gatepath@northwind.test");
    // The body is quoted-printable: its soft line breaks ("=" at a line's end) are not in the text.
    const text = mail!.body.replace(/=\r?\n/g, "").replace(/\r/g, "");
    expect(text).toMatch(/^Subject: You are invited to Northwind Logistics on Gatepath$/m);
    expect(text).toMatch(/^https:\/\/gatepath\.northwind\.test\/signup\/abc123$/m);
    expect(text).toContain("for 7 days");
  });

  it("reports a mail server that cannot be reached instead of failing the invitation", async () => {
    const outcome = await sendLinkMail({ ...invite, kind: "reset" }, { SMTP_URL: "smtp://127.0.0.1:1" });
    expect(outcome).toMatchObject({ sent: false, reason: expect.stringMatching(/ECONNREFUSED|connect/) });
  });
});
