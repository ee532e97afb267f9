// Project factories for integration tests: each call makes its own project.
import { createProject } from "~/modules/projects/projects.server";

/** createProject for input a test knows is valid: the new project, or the test fails with the refusal. */
export async function newProject(...args: Parameters<typeof createProject>): Promise<{ id: string; key: string }> {
  const result = await createProject(...args);
  if (!result.ok) throw new Error(`createProject refused: ${result.message}`);
  return { id: result.id, key: result.key };
}
