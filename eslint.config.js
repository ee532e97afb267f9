import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
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
);
