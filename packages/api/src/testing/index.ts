/*
 * `@herald/api/testing`: the API in a test process (the harness over real stores and Redis), a
 * console session client, the official Twilio client pointed at the API, and retention seeds.
 */
export * from './api.harness.js';
export * from './retention-seed.js';
export * from './session-client.js';
export * from './twilio-client.js';
export * from './use-api-harness.js';
