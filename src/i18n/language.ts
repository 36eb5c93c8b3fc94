/** Languages that the learner-facing text exists in. */
export type Language = "en" | "es";

/**
 * Returns the learner's language: TSKERAS_LANG (set by `tskeras install --lang`), else the
 * language part of LC_ALL, LC_MESSAGES or LANG, else English.
 */
export function currentLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const candidates = [env.TSKERAS_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const code = candidate.toLowerCase().slice(0, 2);
    if (code === "es") return "es";
    if (code === "en") return "en";
  }
  return "en";
}
