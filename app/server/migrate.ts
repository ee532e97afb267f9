// npm run db:migrate: applies the migrations to the database at DATABASE_URL (SQLite by default,
// data/gatepath.db; PostgreSQL with a postgres:// URL), creating the SQLite file if it does not
// exist yet. npm start does this too before it serves.
import { prepareDatabase } from "./prepare";
import { answerHelp } from "~/utils/cli.server";

const USAGE = `npm run db:migrate: applies the migrations to the database at DATABASE_URL (SQLite by default,
data/gatepath.db; PostgreSQL with a postgres:// URL), creating the SQLite file if it does not
exist yet. npm start does this too before it serves.`;
answerHelp(USAGE);

prepareDatabase();
