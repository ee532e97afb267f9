import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: "#1d4ed8", dark: "#1e3a8a", light: "#dbeafe" },
        ok: { DEFAULT: "#047857", light: "#d1fae5" },
        warn: { DEFAULT: "#b45309", light: "#fef3c7" },
        bad: { DEFAULT: "#b91c1c", light: "#fee2e2" },
      },
    },
  },
  plugins: [],
} satisfies Config;
