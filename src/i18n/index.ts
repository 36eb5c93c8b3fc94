import type { Catalogue } from "./catalogue";
import { en } from "./en";
import { es } from "./es";
import { currentLanguage, type Language } from "./language";

export type { Catalogue } from "./catalogue";
export { currentLanguage, type Language } from "./language";

const catalogues: Record<Language, Catalogue> = { en, es };

/** Returns the catalogue of the given language, by default the learner's. */
export function messages(language: Language = currentLanguage()): Catalogue {
  return catalogues[language];
}
