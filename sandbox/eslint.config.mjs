// This folder's lint: see scripts/lint/tooling.config.mjs.
export { default } from '../scripts/lint/tooling.config.mjs';
