import { type ReactNode, useState } from 'react';
import { ApiError } from '../api.js';
import { useAction } from '../components/use-action.js';

/**
 * Refusals worded for the person at the form (`text`, else the API's), each with the field it is
 * about, or `null` for an answer about no field (a question, such as "which code?").
 */
export type Rewording = Partial<Record<string, { field: string | null; text?: string }>>;

/**
 * The Security page's refusals in its own words: the API's text names the request's fields and
 * routes.
 */
export const REFUSAL_TEXTS = {
  two_factor_invalid:
    'That code is not right. Type the code your app shows now; if it keeps failing, check that the clock of your phone is right.',
  two_factor_not_started:
    'There is no setup waiting for this code (it was finished or started again elsewhere). Cancel, and start again.',
  password_incorrect: 'That is not your password.',
};

/**
 * `useAction` whose refusal is told next to the field it is about (`aria-invalid`, and the
 * sentence describes the field) until the next try: the field the rewording names for the
 * API's code, or else the API's `param`.
 */
export function useFieldAction<I, O>(
  rewording: Rewording,
  options: Parameters<typeof useAction<I, O>>[0],
) {
  const [refused, setRefused] = useState<string>();
  const action = useAction<I, O>({
    ...options,
    run: async (input) => {
      setRefused(undefined);
      try {
        return await options.run(input);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        const known = rewording[error.code];
        setRefused(known ? (known.field ?? undefined) : error.param);
        // Without its `param`: the sentence says which field, and sits next to it.
        throw known?.text ? new ApiError(error.status, error.code, known.text) : error;
      }
    },
  });
  const refusal = action.outcome && !action.outcome.ok ? action.outcome.message : undefined;
  /** A field's props: marked and described by the refusal when it is the one refused. */
  const marked = (field: string, hint?: ReactNode): { 'aria-invalid'?: true; hint?: ReactNode } =>
    refused === field && refusal ? { 'aria-invalid': true, hint: refusal } : { hint };
  return { ...action, marked };
}
