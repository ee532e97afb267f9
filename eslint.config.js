import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", "app/generated/", "node_modules/", "test-results/", "playwright-report/", "tests/.tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    settings: { react: { version: "18.3" } },
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      "react/prop-types": "off",
      "jsx-a11y/label-has-associated-control": ["error", { assert: "either", depth: 3 }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // Prisma and the lifecycle core stay out of the browser bundle and out of each other.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@prisma/*", "~/generated/*"], message: "Use Prisma only from *.server.ts modules via ~/utils/db.server." }] },
      ],
    },
  },
  {
    // No import cycles in the app: a module and the modules it imports form a tree.
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/generated/**"],
    plugins: { "import-x": importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      "import-x/resolver": undefined,
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: { "import-x/no-cycle": ["error", { ignoreExternal: true }] },
  },
  {
    // Route files never import each other: a beside-route file (`__name.tsx`) gets its data types
    // from a module or its props, and only routes import it (Epic Stack's one-way rule).
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      // A route stays thin (access, input, one module call, render): under 400 lines, parts in beside-route files.
      "max-lines": ["error", { max: 399, skipBlankLines: false, skipComments: false }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@prisma/*", "~/generated/*"], message: "Use Prisma only from *.server.ts modules via ~/utils/db.server." },
            {
              regex: "^(\\.{1,2}/(?!__)|~/routes/)",
              message: "Route files do not import other routes; share code through app/modules, app/components or a __beside-route file.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.server.ts", "prisma/**", "tests/**", "prisma.config.ts", "app/server/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["app/modules/lifecycle/*.ts", "app/modules/artifacts/*.ts"],
    ignores: ["app/modules/lifecycle/*.server.ts", "app/modules/artifacts/*.server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@prisma/*", "~/generated/*", "react", "react-dom", "@remix-run/*", "~/utils/*"],
              message: "The lifecycle core is pure TypeScript: no Prisma, React or server utilities.",
            },
          ],
        },
      ],
    },
  },
  {
    // Raw SQL lives in each domain's queries.server.ts (and the platform's own tables in app/utils and
    // app/server): a domain's statements are read in one place, dialect fragments come from
    // utils/dialect.server.ts, and rows are parsed by utils/rows.server.ts (decision 42).
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/modules/*/queries.server.ts", "app/utils/**", "app/server/**", "app/generated/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe"].map((property) => ({
          property,
          message: "Raw SQL goes in the domain's queries.server.ts.",
        })),
        ...["sql", "raw", "join"].map((property) => ({ object: "Prisma", property, message: "Raw SQL goes in the domain's queries.server.ts." })),
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name=/^(queryRows|queryOne)$/]", message: "Raw SQL goes in the domain's queries.server.ts." },
      ],
    },
  },
);
