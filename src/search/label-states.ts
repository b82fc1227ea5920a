/** What the hnswlib graph holds for one label (plain constants: no enums, for type stripping). */
export const LabelState = {
  Absent: 0,
  Live: 1,
  /** A node marked deleted: it stays in the graph and is un-deleted in place if the label returns. */
  Deleted: 2,
} as const;
export type LabelState = (typeof LabelState)[keyof typeof LabelState];

// Labels are job ids, handed out in sequence: one byte per label in pages of 4,096 keeps a million
// jobs in ~1 MB (a Set of a million numbers is tens of MB), and a far-away label costs one page.
const PAGE_BITS = 12;
const PAGE = 1 << PAGE_BITS;

/** The state of every label in an hnswlib index, which hnswlib-node cannot list (deleted marks). */
export class LabelStates {
  private readonly pages = new Map<number, Uint8Array>();
  private live = 0;

  get(label: number): LabelState {
    const page = this.pages.get(Math.floor(label / PAGE));
    return page ? (page[label % PAGE] as LabelState) : LabelState.Absent;
  }

  set(label: number, state: LabelState): void {
    const key = Math.floor(label / PAGE);
    let page = this.pages.get(key);
    if (!page) {
      if (state === LabelState.Absent) return;
      page = new Uint8Array(PAGE);
      this.pages.set(key, page);
    }
    const i = label % PAGE;
    this.live += (state === LabelState.Live ? 1 : 0) - (page[i] === LabelState.Live ? 1 : 0);
    page[i] = state;
  }

  /** Labels in the Live state. */
  liveCount(): number {
    return this.live;
  }

  memoryBytes(): number {
    return this.pages.size * PAGE;
  }
}
