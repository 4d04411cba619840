/** The exit codes `oversight` documents in its help; scripts and CI branch on them. */
export const EXIT = {
  /** Every input was processed without an input error. */
  ok: 0,
  /** The command ran to the end and found bad input (its output is still complete). */
  inputError: 1,
  /** Bad arguments, or a policy or input that could not be read or loaded. */
  usage: 2,
  /** A bug: an exception nothing expected. */
  internal: 3,
} as const;
