// The database client's types, apart from the module that makes clients (db.server.ts), so the
// dialect module (dialect.server.ts), which db.server.ts imports, can name them without a circle.
import type { PrismaClient } from "~/generated/prisma/client";

export type Db = InstanceType<typeof PrismaClient>;
/** The client handed to a transaction callback. */
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
