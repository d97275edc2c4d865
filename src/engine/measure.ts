import { z } from 'zod';

/** What a column counts; decides which sums and bounds apply to it. */
export const measureSchema = z.enum(['money', 'persons', 'households', 'communes', 'count', 'text']);
export type Measure = z.infer<typeof measureSchema>;
