import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../api.js';
import { errorText, type Outcome } from './ui.js';

/**
 * One button's worth of work against the API: runs it, refreshes the queries it touched, and
 * reports either `success` or the API's own error message.
 */
export function useAction<I, O>(options: {
  run: (input: I) => Promise<O>;
  success: string | ((output: O) => string);
  invalidate?: string[][];
  onDone?: (output: O) => void;
}) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const mutation = useMutation({
    mutationFn: options.run,
    onMutate: () => setOutcome(null),
    onSuccess: async (output) => {
      const message =
        typeof options.success === 'function' ? options.success(output) : options.success;
      setOutcome({ ok: true, message });
      options.onDone?.(output);
      await Promise.all(
        (options.invalidate ?? []).map((queryKey) => client.invalidateQueries({ queryKey })),
      );
    },
    onError: (error) =>
      setOutcome({
        ok: false,
        message: errorText(error),
        ...(error instanceof ApiError && { code: error.code }),
      }),
  });
  return {
    run: (input: I) => mutation.mutate(input),
    pending: mutation.isPending,
    outcome,
    reset: () => setOutcome(null),
  };
}
