// The Nu HTML Checker (vnu.jar from the vnu-jar npm package), run once over many files.
// It needs Java 8+ on PATH (or JAVA_HOME); the package's own Java downloader is not used.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  /** "warning" for info messages that are warnings; "fatal" / "io" / "schema" / "internal" for some errors. */
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

/** vnu.jar's path, as the vnu-jar package exports it. */
export const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));

/** The java command: $JAVA_HOME/bin/java when set, else java on PATH. */
export function javaCommand(): string {
  const home = process.env['JAVA_HOME'];
  return home && existsSync(join(home, 'bin', 'java')) ? join(home, 'bin', 'java') : 'java';
}

/** Why Java cannot run here, or undefined when it can. */
export function javaProblem(): string | undefined {
  const java = javaCommand();
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error) {
    return `Java is needed to run the Nu HTML checker (vnu.jar) but "${java}" could not be run (${result.error.message}). Install a JRE 8+, e.g. apt-get install default-jre-headless, or set JAVA_HOME.`;
  }
  if (result.status !== 0) return `"${java} -version" failed:\n${result.stderr}`;
  return undefined;
}

/** Checks every file in one java run; throws when the checker itself fails. */
export function runVnu(files: string[], extraArgs: string[] = []): VnuMessage[] {
  if (files.length === 0) return [];
  const result = spawnSync(javaCommand(), ['-jar', vnuJar, '--format', 'json', '--skip-non-html', ...extraArgs, ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) throw new Error(`Could not run the Nu HTML checker: ${result.error.message}`);
  // Exit status is 1 when there are errors; the JSON report goes to stderr.
  let report: { messages?: VnuMessage[] };
  try {
    report = JSON.parse(result.stderr) as { messages?: VnuMessage[] };
  } catch {
    throw new Error(`The Nu HTML checker did not print a JSON report (exit ${result.status}):\n${result.stderr}\n${result.stdout}`);
  }
  return report.messages ?? [];
}

/** "path:line:col: message  [extract]" for a failure list. */
export function formatVnuMessage(m: VnuMessage, rootDir?: string): string {
  let file = m.url ? decodeURIComponent(m.url.replace(/^file:/, '')) : '(no file)';
  if (rootDir && file.startsWith(rootDir)) file = file.slice(rootDir.length).replace(/^\/+/, '');
  const where = m.lastLine === undefined ? file : `${file}:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 0}`;
  const extract = m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim()}]` : '';
  return `${where}: ${m.subType ? `${m.subType} ` : ''}${m.type}: ${m.message}${extract}`;
}
