// The board's columns, one per stage of the stage table in its order, from the counts and the
// first cards the board's SQL reads. Pure, so a test can hand it another table.

export type BoardColumn<S extends string, C> = { stage: S; total: number; cards: C[] };

export function boardColumns<S extends string, C extends { stage: S }>(
  stages: readonly S[],
  counts: readonly { stage: S; n: number | bigint }[],
  cards: readonly C[],
): BoardColumn<S, C>[] {
  return stages.map((stage) => ({
    stage,
    total: counts.filter((c) => c.stage === stage).reduce((sum, c) => sum + Number(c.n), 0),
    cards: cards.filter((c) => c.stage === stage),
  }));
}
