// Vitest global setup: the tests that start the real server (start, fuzz, production) need the
// Remix build; make it once here, before the workers start, instead of racing in each of them.
import { buildIfNeeded } from "~/server/prepare";

export default function setup() {
  buildIfNeeded();
}
