/*
 * `@herald/core/testing`: what tests may reach below the services. Stores stay private to core;
 * a test that must write a row the API would never write (an event of a status, a message in a
 * state, a key revoked behind the service's back) takes the store function from here.
 */
export { revokeApiKey } from '../accounts/account.store.js';
export { insertEvent, insertMessage, insertMessages } from '../messages/message.store.js';
export { releaseAccountsOwnedBy } from '../people/owner-verification.store.js';
