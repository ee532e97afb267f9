// A real SMTP server inside the test process (the smtp-server package, from the nodemailer
// project), on a loopback port: what nodemailer sends arrives here and is parsed with mailparser,
// so tests read the messages as a mail client would. `refuse` makes it answer the next messages
// with a temporary failure, as a mail server that is down would.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Mailbox = {
  url: string;
  messages: ParsedMail[];
  /** Refuse the next `n` messages with a 451. */
  refuse: (n: number) => void;
  /** How many messages were refused so far. */
  refused: () => number;
  close: () => Promise<void>;
};

export async function startMailbox(): Promise<Mailbox> {
  const messages: ParsedMail[] = [];
  let toRefuse = 0;
  let refusedCount = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (toRefuse > 0) {
          toRefuse--;
          refusedCount++;
          const error = Object.assign(new Error("Try again later"), { responseCode: 451 });
          return callback(error);
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          messages.push(mail);
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse: (n) => (toRefuse = n),
    refused: () => refusedCount,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
