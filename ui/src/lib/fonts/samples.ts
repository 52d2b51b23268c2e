// The scripts people write names in, as real names (one or more per
// script): the same list the badge renderer is tested with
// (assets/names-in-every-script.tsv), so a script added for badges is
// warmed on the desk too (FontWarmup.svelte says why).
import table from '../../../../assets/names-in-every-script.tsv?raw';

/** A real name and the script it is written in. */
export interface ScriptSample {
  script: string;
  name: string;
}

/** The lines of a names table: `script<TAB>name`; `#` comments and blank lines are skipped. */
export function parseSamples(text: string): ScriptSample[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const tab = line.indexOf('\t');
      if (tab <= 0 || line.slice(tab + 1).trim() === '') throw new Error(`a line of the names table is not "script<TAB>name": ${JSON.stringify(line)}`);
      return { script: line.slice(0, tab), name: line.slice(tab + 1) };
    });
}

/** Every sample name, in the table's order. */
export const SCRIPT_SAMPLES: readonly ScriptSample[] = parseSamples(table);

/** One line holding every sample name. */
export const EVERY_SCRIPT: string = SCRIPT_SAMPLES.map((s) => s.name).join(' ');
