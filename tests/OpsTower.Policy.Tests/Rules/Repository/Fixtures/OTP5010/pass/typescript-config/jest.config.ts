import type { Config } from 'jest';

const config: Config = {
  coverageThreshold: {
    global: { branches: 85, functions: 85, lines: 90, statements: 90 },
  },
};

export default config;
