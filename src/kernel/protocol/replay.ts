/**
 * The signatures of the messages received lately, to reject a message sent again unchanged: its
 * signature is valid, so only having seen it before distinguishes a replay. jupyter_client keeps the
 * same kind of history (Session.digest_history, 2^16 entries by default).
 */
export class SignatureHistory {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 65_536) {}

  /** Records a signature and returns false when it was already recorded. */
  add(signature: string): boolean {
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    // A Set iterates in insertion order, so the first entry is the oldest.
    if (this.seen.size > this.capacity) this.seen.delete(this.seen.values().next().value as string);
    return true;
  }
}
