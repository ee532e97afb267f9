import { describe, expect, it } from "vitest";
import { DEVICE_COOKIE, deviceCookie, deviceFor } from "./device-cookie.server";

const SECRET = "a-secret-of-thirty-two-characters!!";
const cookieHeader = (setCookie: string) => setCookie.split(";")[0]!;

describe("device cookies", () => {
  it("name the device of a browser that signed in, for that account only", () => {
    const set = deviceCookie("Ann@Example.com", SECRET, false);
    expect(set).toMatch(new RegExp(`^${DEVICE_COOKIE}=[\\w-]+\\.[\\w-]+\\.[\\w-]+; Path=/login; Max-Age=\\d+; HttpOnly; SameSite=Lax$`));
    const header = `other=1; ${cookieHeader(set)}`;
    const device = deviceFor(header, " ann@example.com", SECRET);
    expect(device).toMatch(/^[\w-]{22}$/);
    expect(deviceFor(header, "bob@example.com", SECRET)).toBeNull();
    // Each sign-in makes a new device id.
    expect(deviceFor(cookieHeader(deviceCookie("ann@example.com", SECRET, false)), "ann@example.com", SECRET)).not.toBe(device);
    expect(deviceCookie("ann@example.com", SECRET, true)).toMatch(/; Secure$/);
  });

  it("refuse a cookie that was altered or signed with another secret", () => {
    const value = cookieHeader(deviceCookie("ann@example.com", SECRET, false));
    const [device, account, signature] = value.slice(DEVICE_COOKIE.length + 1).split(".");
    expect(deviceFor(value, "ann@example.com", "another-secret-entirely-32-chars")).toBeNull();
    expect(deviceFor(`${DEVICE_COOKIE}=x${device}.${account}.${signature}`, "ann@example.com", SECRET)).toBeNull();
    expect(deviceFor(`${DEVICE_COOKIE}=${device}.${account}.${signature}x`, "ann@example.com", SECRET)).toBeNull();
    expect(deviceFor(`${DEVICE_COOKIE}=${device}.${account}`, "ann@example.com", SECRET)).toBeNull();
    expect(deviceFor(undefined, "ann@example.com", SECRET)).toBeNull();
    expect(deviceFor(value, "", SECRET)).toBeNull();
  });
});
