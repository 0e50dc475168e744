import { readdirSync, statSync } from 'fs';
import { join } from 'path';

/** Every *.yaml / *.yml file under `dir`, sorted by path. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) { return yamlFilesUnder(path); }
    return /\.ya?ml$/.test(entry) ? [path] : [];
  });
}
