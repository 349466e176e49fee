export { escapeHtml } from '../format.js';
