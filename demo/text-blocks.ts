/** The kinds of streamed block: the answer's text, or the model's reasoning. */
export type BlockKind = 'text' | 'thinking';

/** How a format opens and closes a block. */
export interface BlockBrackets {
  open(kind: BlockKind, id: string): void;
  close(kind: BlockKind, id: string): void;
}

/**
 * The block a writer has open, for formats that bracket text and reasoning with start and end
 * events: a delta of the other kind, or any event that is not a delta, closes it first.
 */
export class TextBlocks {
  readonly #brackets: BlockBrackets;
  readonly #idPrefix: string;
  #open: { kind: BlockKind; id: string } | null = null;
  #count = 0;

  constructor(idPrefix: string, brackets: BlockBrackets) {
    this.#idPrefix = idPrefix;
    this.#brackets = brackets;
  }

  /** The id of the open block of `kind`, opened (after closing the other) when needed. */
  enter(kind: BlockKind): string {
    if (this.#open?.kind === kind) return this.#open.id;
    this.close();
    const id = `${this.#idPrefix}_${kind}_${++this.#count}`;
    this.#open = { kind, id };
    this.#brackets.open(kind, id);
    return id;
  }

  /** Closes the open block, if there is one. */
  close(): void {
    if (this.#open === null) return;
    const { kind, id } = this.#open;
    this.#open = null;
    this.#brackets.close(kind, id);
  }
}
