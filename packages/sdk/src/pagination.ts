/** One page of a Herald list: its items and the cursor of the next page. */
export type CursorPage<T> = { data: T[]; has_more: boolean; next_cursor: string | null };

/**
 * What a `list` method returns: await it for one page, or iterate it for every item of every
 * page, fetched as the loop needs them.
 *
 * @example
 * const page = await herald.messages.list({ limit: 10 }); // one page: page.data, page.has_more
 * for await (const message of herald.messages.list({ status: 'failed' })) {
 *   console.log(message.id); // every failed message, page after page
 * }
 */
export class PageList<T, P extends CursorPage<T> = CursorPage<T>>
  implements PromiseLike<P>, AsyncIterable<T>
{
  #first: Promise<P> | undefined;

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<P>) {}

  /**
   * The first page, when awaited. Lazy: nothing is fetched until the list is awaited or iterated.
   *
   * @example
   * const { data, next_cursor } = await herald.suppressions.list({ limit: 50 });
   */
  // biome-ignore lint/suspicious/noThenProperty: awaiting a list gives its first page, as in stripe-node.
  then<A = P, B = never>(
    onfulfilled?: ((page: P) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.#first ??= this.fetchPage(undefined);
    return this.#first.then(onfulfilled, onrejected);
  }

  /**
   * Every page in turn, for callers that work a page at a time.
   *
   * @example
   * for await (const page of herald.messages.list({ limit: 100 }).pages()) await archive(page.data);
   */
  async *pages(): AsyncGenerator<P> {
    let page: P = await this;
    yield page;
    while (page.has_more && page.next_cursor) {
      page = await this.fetchPage(page.next_cursor);
      yield page;
    }
  }

  /**
   * Every item of every page.
   *
   * @example
   * for await (const run of herald.retentionPolicy.runs()) console.log(run.store, run.rows_removed);
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.data;
  }
}
