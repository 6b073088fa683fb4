export * from './app.js';
export * from './config.js';
export * from './dependencies.js';
export * from './openapi/ajv.js';
export * from './openapi/request-validator.js';
export * from './openapi/response-validator.js';
