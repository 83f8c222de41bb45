import { describe, expect, it } from "vitest";
import { closestName, nameDistance, nameWords } from "../../../src/engine/diagnosis/closest-name.js";

describe("closestName", () => {
  it.each([
    { name: "biology_get_cell_info", candidates: ["biology.get_cell_info", "chemistry.get_element"], expected: "biology.get_cell_info" },
    { name: "get_weather", candidates: ["get_stock_price", "get_current_weather"], expected: "get_current_weather" },
    { name: "userId", candidates: ["user_name", "user_id"], expected: "user_id" },
    { name: "location_name", candidates: ["unit", "location"], expected: "location" },
    { name: "id", candidates: ["invoice_id"], expected: "invoice_id" },
    { name: "temprature", candidates: ["temperature", "time"], expected: "temperature" },
    { name: "unit", candidates: ["units", "unit_system"], expected: "units" },
    { name: "zip", candidates: ["zipcode", "city"], expected: "zipcode" },
    { name: "functions.get_weather", candidates: ["get_weather"], expected: "get_weather" },
    { name: "GetWeather", candidates: ["get-weather"], expected: "get-weather" },
    { name: "città", candidates: ["cittá_nome", "città_nome"], expected: "città_nome" },
    { name: "foo", candidates: ["city", "state"], expected: undefined },
    { name: "lat", candidates: ["lon"], expected: undefined },
    { name: "id", candidates: ["ip"], expected: undefined },
    { name: "to", candidates: ["total"], expected: undefined },
    { name: "x", candidates: [], expected: undefined },
  ])("$name among $candidates -> $expected", ({ name, candidates, expected }) => {
    expect(closestName(name, candidates)).toBe(expected);
  });

  it("never suggests the name itself and lets earlier candidates win ties", () => {
    expect(closestName("a_b", ["a_b"])).toBeUndefined();
    expect(closestName("id", ["card_id", "user_id"])).toBe("card_id");
    // The tighter containment wins: more of the longer name is explained.
    expect(closestName("id", ["invoice_id", "order_id"])).toBe("order_id");
  });

  it("splits every common identifier style into the same words", () => {
    expect(nameWords("getHTTPResponse_code")).toEqual(["get", "http", "response", "code"]);
    expect(nameWords("biology.get-cell info")).toEqual(["biology", "get", "cell", "info"]);
    expect(nameDistance("user_id", "userId")).toBe(0);
  });
});
