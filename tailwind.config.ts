import type { Config } from "tailwindcss";
import plugin from "tailwindcss/plugin";

// Every colour the app uses is a CSS variable (as "R G B", so Tailwind's opacity modifiers work),
// set once for the light theme and once for the dark one: no component carries dark: classes.
// The dark theme applies when the person chose it (html.dark), or when their system asks for it
// and they did not choose light (html.light). Dark values keep text at 4.5:1 or more on its
// background (the axe check in tests/e2e/accessibility.spec.ts runs both themes).
const LIGHT = {
  white: "255 255 255",
  "slate-50": "248 250 252",
  "slate-100": "241 245 249",
  "slate-200": "226 232 240",
  "slate-300": "203 213 225",
  "slate-400": "148 163 184",
  "slate-500": "100 116 139",
  "slate-600": "71 85 105",
  "slate-700": "51 65 85",
  "slate-800": "30 41 59",
  "slate-900": "15 23 42",
  brand: "29 78 216",
  "brand-dark": "30 58 138",
  "brand-light": "219 234 254",
  ok: "4 120 87",
  "ok-light": "209 250 229",
  warn: "180 83 9",
  "warn-light": "254 243 199",
  bad: "185 28 28",
  "bad-light": "254 226 226",
  // The charts' own colours (components/charts/theme.ts reads them in the browser).
  "chart-this-year": "29 78 216",
  "chart-last-year": "100 116 139",
  "chart-target": "180 83 9",
  "chart-grid": "226 232 240",
  "chart-axis": "71 85 105",
  "chart-2": "4 120 87",
  "chart-3": "124 58 237",
};

const DARK: typeof LIGHT = {
  white: "30 41 59",
  "slate-50": "15 23 42",
  "slate-100": "51 65 85",
  "slate-200": "71 85 105",
  "slate-300": "100 116 139",
  "slate-400": "148 163 184",
  "slate-500": "170 182 200",
  "slate-600": "203 213 225",
  "slate-700": "226 232 240",
  "slate-800": "241 245 249",
  "slate-900": "248 250 252",
  brand: "147 197 253",
  "brand-dark": "191 219 254",
  "brand-light": "30 58 138",
  ok: "110 231 183",
  "ok-light": "6 78 59",
  warn: "252 211 77",
  "warn-light": "120 53 15",
  bad: "252 165 165",
  "bad-light": "127 29 29",
  "chart-this-year": "96 165 250",
  "chart-last-year": "148 163 184",
  "chart-target": "251 191 36",
  "chart-grid": "71 85 105",
  "chart-axis": "203 213 225",
  "chart-2": "52 211 153",
  "chart-3": "196 181 253",
};

const vars = (palette: typeof LIGHT) => Object.fromEntries(Object.entries(palette).map(([name, rgb]) => [`--${name}`, rgb]));
const colour = (name: keyof typeof LIGHT) => `rgb(var(--${name}) / <alpha-value>)`;

export default {
  content: ["./app/**/*.{ts,tsx}"],
  // dark: for the few things that differ in kind, not colour (which theme button shows).
  darkMode: ["variant", ["&:is(.dark *)", "@media (prefers-color-scheme: dark) { &:not(.light *) }"]],
  theme: {
    extend: {
      colors: {
        white: colour("white"),
        slate: Object.fromEntries(([50, 100, 200, 300, 400, 500, 600, 700, 800, 900] as const).map((n) => [n, colour(`slate-${n}`)])),
        brand: { DEFAULT: colour("brand"), dark: colour("brand-dark"), light: colour("brand-light") },
        ok: { DEFAULT: colour("ok"), light: colour("ok-light") },
        warn: { DEFAULT: colour("warn"), light: colour("warn-light") },
        bad: { DEFAULT: colour("bad"), light: colour("bad-light") },
      },
    },
  },
  plugins: [
    plugin(({ addBase }) => {
      addBase({
        ":root": { ...vars(LIGHT), colorScheme: "light" },
        ":root.dark": { ...vars(DARK), colorScheme: "dark" },
        "@media (prefers-color-scheme: dark)": { ":root:not(.light)": { ...vars(DARK), colorScheme: "dark" } },
      });
    }),
  ],
} satisfies Config;
