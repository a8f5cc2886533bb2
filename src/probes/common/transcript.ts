/**
 * A redacted protocol transcript that becomes an evidence file. Lines are
 * redacted when they are added, so a secret never sits in memory in a form
 * that could be written out by mistake.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Evidence } from '../../model/types.ts';
import { redactSecrets } from './redact.ts';

/** Where evidence goes: files in evidenceDir, paths in the report relative to runDir. */
export interface EvidenceTarget {
  runDir: string;
  evidenceDir: string;
}

export class Transcript {
  readonly #secrets: readonly string[];
  readonly #lines: string[] = [];
  readonly #maxLines: number;
  #dropped = 0;

  constructor(secrets: readonly string[], maxLines = 2000) {
    this.#secrets = secrets;
    this.#maxLines = maxLines;
  }

  add(line: string): void {
    // Bounded: a FETCH of a big body or 20 parallel sessions must not bloat the evidence.
    if (this.#lines.length >= this.#maxLines) {
      this.#dropped += 1;
      return;
    }
    const clipped = line.length > 500 ? `${line.slice(0, 500)} …(${line.length} chars)` : line;
    this.#lines.push(redactSecrets(clipped, this.#secrets));
  }

  get lineCount(): number {
    return this.#lines.length;
  }

  text(): string {
    const tail = this.#dropped > 0 ? [`… ${this.#dropped} more lines not kept`] : [];
    return [...this.#lines, ...tail].join('\n') + '\n';
  }

  /** Writes the transcript (redacted once more as a last guard) and returns its Evidence entry. */
  async write(target: EvidenceTarget, fileName: string, title: string): Promise<Evidence> {
    await mkdir(target.evidenceDir, { recursive: true });
    const file = join(target.evidenceDir, fileName);
    await writeFile(file, redactSecrets(this.text(), this.#secrets), { mode: 0o644 });
    return { kind: 'transcript', path: relative(target.runDir, file), title };
  }
}
