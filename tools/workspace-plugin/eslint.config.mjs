import baseConfig from '../../eslint.config.mjs';

// The templates under files/ are not code of this project: they are linted where they are generated.
export default [...baseConfig, { ignores: ['src/generators/*/files/**'] }];
