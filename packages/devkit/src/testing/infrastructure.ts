/** What the global setup hands every test file (through vitest's provide/inject). */
export type TestInfrastructure = {
  postgresAdminUrl: string;
  redisUrl: string;
  templates: { account: string; usage: string; content: string };
  repoRoot: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    heraldInfra: TestInfrastructure;
  }
}
