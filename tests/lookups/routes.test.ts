import { getRoutes } from "../../sdk";
import { ACCOUNT } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

const emulator = lookupEmulator();

test("getRoutes lists the account's routes as typed camelCase objects", async () => {
  const a = emulator().store.insert(ACCOUNT, "routes", {
    prefix: "192.0.2.0/24",
    nexthop: "10.212.0.9",
    priority: 100,
    created_on: "2026-01-01T00:00:00Z",
  });
  const b = emulator().store.insert(ACCOUNT, "routes", {
    prefix: "198.51.100.0/24",
    nexthop: "169.254.21.1",
    priority: 200,
    weight: 10,
    scope: { colo_names: ["den01"], colo_regions: ["ENAM"] },
  });
  const routes = await getRoutes();
  expect(routes).toHaveLength(2);
  expect(routes[0]).toMatchObject({
    id: a.id,
    prefix: "192.0.2.0/24",
    nexthop: "10.212.0.9",
    priority: 100,
    createdOn: "2026-01-01T00:00:00Z",
    accountId: ACCOUNT,
  });
  expect(routes[1]).toMatchObject({ id: b.id, weight: 10, scope: { coloNames: ["den01"], coloRegions: ["ENAM"] } });
  expect(await getRoutes({ accountId: "fedcba9876543210fedcba9876543210" })).toEqual([]);
});
