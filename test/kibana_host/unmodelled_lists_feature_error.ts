/** What the lists double refuses because it does not model it (rather than answering leniently). */
export class UnmodelledListsFeatureError extends Error {
  constructor(what: string) {
    super(`the lists double does not model ${what}; it refuses rather than guesses`);
    this.name = 'UnmodelledListsFeatureError';
  }
}
