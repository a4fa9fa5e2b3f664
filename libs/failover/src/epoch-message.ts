import { z } from 'zod';

/**
 * The payload of an EPOCH cluster message: the leader promoted `primary` (one of the configured
 * database servers) at `epoch`, and every node should send its writes there. Comes from another
 * process, so it is parsed, never trusted.
 */
export const epochMessageSchema = z
  .object({
    epoch: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    primary: z
      .object({
        host: z.string().min(1).max(255),
        port: z.number().int().min(1).max(65_535),
      })
      .strict(),
  })
  .strict();

/** An EPOCH message's payload, validated. */
export type EpochMessage = z.infer<typeof epochMessageSchema>;

/**
 * Reads an EPOCH payload. @returns the message, or an error text naming the offending fields
 * (e.g. `epoch: Expected number, received string`).
 */
export function parseEpochMessage(payload: unknown): { message: EpochMessage } | { error: string } {
  const result = epochMessageSchema.safeParse(payload);
  if (result.success) return { message: result.data };
  return {
    error: result.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; '),
  };
}
