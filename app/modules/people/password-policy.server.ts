// The password policy every account gets (README "Security"; issue 23): long enough, and hard
// enough to guess, measured by zxcvbn-ts (common passwords, English words, keyboard patterns,
// dates, repeats, l33t and near misses) with the person's own details, the organisation's name,
// "gatepath" and "demo" counted as things an attacker tries first. A score of at least 3
// ("safely unguessable": about 10^8 guesses or more) passes.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;
export const MIN_PASSWORD_SCORE = 3;

/** Words every password is measured against: the product's own name, and the demo's. */
const PRODUCT_WORDS = ["gatepath", "demo", "gate", "path"];

let factory: ZxcvbnFactory | undefined;
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
    useLevenshteinDistance: true,
  });
  return factory;
}

export type PasswordContext = {
  email?: string | null;
  name?: string | null;
  organisation?: string | null;
  /** More that a guesser knows: the other accounts that share the password (the demo's). */
  also?: readonly string[];
};

/** What a guesser knows of this person: their address and its parts, their name and its parts, the organisation's name. */
export function userInputs(context: PasswordContext): string[] {
  const words = new Set<string>(PRODUCT_WORDS);
  for (const value of [context.email, context.name, context.organisation, ...(context.also ?? [])]) {
    const text = value?.trim().toLowerCase();
    if (!text) continue;
    words.add(text);
    words.add(text.replace(/[^\p{L}\p{N}]+/gu, ""));
    for (const part of text.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** Why this password is refused, in words, or null when it passes. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  const { score, feedback } = estimator().check(password, userInputs(context));
  if (score >= MIN_PASSWORD_SCORE) return null;
  const why = feedback.warning ? ` ${feedback.warning}` : "";
  const how = feedback.suggestions.length ? ` ${feedback.suggestions.join(" ")}` : " Add a few uncommon words.";
  return `This password is too easy to guess.${why}${how}`;
}
