import { createContext, useContext } from "react";

// The per-request CSP nonce, from the Express server through entry.server to <Scripts>.
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
