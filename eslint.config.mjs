// ESLint (flat config): typescript-eslint with type information for every TypeScript file, and
// one line-length rule whose width is Prettier's printWidth. Prettier does the formatting;
// `npm run format` writes both, `npm run lint` checks both.
import { readFileSync } from "node:fs";
import eslint from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

const { printWidth } = JSON.parse(readFileSync(new URL("./.prettierrc.json", import.meta.url), "utf8"));

export default defineConfig(
  globalIgnores(["**/node_modules/", "dist/", "**/.out/", ".emulator-state/", ".codegen-out/", ".audit-out/", "coverage/"]),
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each file is checked with the nearest tsconfig.json: the package's at the root,
        // tests/, bench/, scripts/ and every example have their own.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Beyond recommendedTypeChecked: rules that find bugs at little cost (strictTypeChecked as a
    // whole would add about 1,500 findings, mostly template-literal and non-null style).
    rules: {
      eqeqeq: ["error", "smart"],
      "prefer-const": "error",
      "@typescript-eslint/no-deprecated": "error",
      // A promise returned from inside try/catch/finally without await escapes its handlers.
      "@typescript-eslint/return-await": ["error", "error-handling-correctness-only"],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    rules: {
      // The provider and the sdk load modules on first use on purpose (the registry's one line per
      // resource type, the facade, undici's Agent, the program-side shim), so a host serving one
      // type loads only that one; each such require() is typed with `as typeof import(...)`.
      "@typescript-eslint/no-require-imports": "off",
      // An async function without await is how promise-returning interfaces are implemented here
      // (the dynamic provider's methods, the host's configure, test fakes of both): a throw becomes
      // a rejection, which is what their callers handle. Dropping `async` would change that.
      "@typescript-eslint/require-await": "off",
      // A leading underscore marks a binding that is unused on purpose (a parameter an interface
      // requires, a field dropped from a copy with `const { _hidden, ...rest } = o`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    plugins: { "@stylistic": stylistic },
    rules: {
      // Prettier wraps code at printWidth but cannot break a long string, URL or regex; comments
      // it leaves alone, so they are held to the same width here.
      "@stylistic/max-len": [
        "error",
        {
          code: printWidth,
          tabWidth: 2,
          ignoreUrls: true,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
        },
      ],
    },
  },
  {
    // Tests read untyped JSON on purpose (API answers as `body: any`, Pulumi state and outputs) and
    // their assertions are the check on its shape; typing every answer would copy the API schema
    // into the tests. Type-aware rules other than the any-tracking ones stay on.
    files: ["tests/**"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Plain JavaScript (scripts, jest config and setup, this file): Node globals, no type information.
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
);
