// npm run lint: the rules of Microsoft's Office add-in templates (office-addin-lint: the
// eslint-plugin-office-addins config, with typescript-eslint's parser) for the whole codebase.
// The plugin's prettier rule is off for now: reformatting every file is a change of its own.
import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['dist/**', 'out/**', 'test-artifacts/**', 'node_modules/**', '.stryker-tmp/**', 'reports/**'] },
  ...officeAddins.configs.react,
  {
    // The plugin's config names .ts but not .tsx: the pane's files get the same parser and rules.
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    // The plugin's own instances (it pins its typescript-eslint); the parser is ours, which knows this TypeScript.
    plugins: officeAddins.configs.recommended.at(-1).plugins,
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      ...officeAddins.configs.recommended.at(-1).rules,
      'prettier/prettier': 'off',
      // TypeScript checks names (tsc --noEmit); eslint's no-undef knows no DOM, Node or Office types.
      'no-undef': 'off',
      // React 17+ JSX transform; props are typed by TypeScript.
      'react/react-in-jsx-scope': 'off',
      'react/prop-types': 'off',
      // Leaving a field out of a copy (`const { result: _dropped, ...rest } = cell`) is not an unused variable.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine, the file edges and their tests work on ExcelJS and plain grids, not on Office.js
    // proxies: the plugin's load-before-read and sync rules would read ExcelJS calls as Excel's.
    files: ['src/engine/**', 'src/io/**', 'src/cli/**', 'tests/**', 'bench/**', 'scripts/**'],
    ignores: ['tests/office-adapter.test.ts', 'tests/support/fake-excel.ts', 'tests/excel/**', 'tests/taskpane-office.test.ts'],
    rules: {
      'office-addins/call-sync-before-read': 'off',
      'office-addins/load-object-before-read': 'off',
    },
  },
];
