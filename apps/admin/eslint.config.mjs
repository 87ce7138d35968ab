import baseConfig from '../../eslint.config.mjs';

// The API schema is generated (nx run admin:generate-client): checked for staleness, not linted.
export default [...baseConfig, { ignores: ['src/api/schema.ts', 'vite.config.mts', 'scripts/**'] }];
