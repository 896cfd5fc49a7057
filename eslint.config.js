// Lint = the layering rules of architecture.md, enforced so that a wrong import fails CI
// instead of waiting for a review, plus typescript-eslint's recommended rules.
import tseslint from 'typescript-eslint';

// Lower layers never import higher ones (architecture.md, "Layering").
const LAYERS = ['base', 'api', 'identity', 'credentials', 'store', 'trust', 'vendor', 'net', 'app', 'daemon'];
const PORTABLE = ['base', 'api'];
const RUNTIME_ONLY = ['^node:', '^electron($|/)', '^libp2p($|/)', '^@libp2p/', '^@chainsafe/', '^level($|/)', '^classic-level'];

function forbid(regexes, message) {
  return regexes.map((regex) => ({ regex, message }));
}

function layerRules(layer, index) {
  // Everything after this layer in LAYERS (so base may not use api, api may use base).
  const higher = LAYERS.slice(index + 1);
  const patterns = [
    ...forbid(
      higher.map((name) => `(^|/)(src/)?${name}/`),
      `src/${layer} may not import a higher layer (order: ${LAYERS.join(' < ')})`,
    ),
    // The core serves every shell: it never reaches up into the UI or the desktop shell.
    ...forbid(['(^|/)renderer/', '^(\\.\\./)+electron/'], 'src/ never imports renderer/ or electron/: move what they share into src/api or src/base'),
    ...(PORTABLE.includes(layer)
      ? forbid(RUNTIME_ONLY, `src/${layer} is portable: no node:, electron, libp2p or level`)
      : forbid(['^electron($|/)'], 'Nothing under src/ imports electron')),
  ];
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', '.vite/', 'dist/', 'bench/.data/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...LAYERS.map(layerRules),
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: forbid(
            LAYERS.filter((l) => !['app', 'api', 'base'].includes(l)).map((name) => `(^|/)src/${name}/`),
            'electron/ imports only src/app, src/api and src/base',
          ),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbid(
              LAYERS.filter((l) => !['api', 'base'].includes(l)).map((name) => `(^|/)src/${name}/`),
              'renderer/ talks only to src/api (and uses src/base)',
            ),
            ...forbid(RUNTIME_ONLY, 'renderer/ runs in a browser: no node:, electron, libp2p or level'),
          ],
        },
      ],
    },
  },
);
