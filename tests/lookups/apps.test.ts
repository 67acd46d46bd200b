import { MANAGED_APPS } from "../../emulator/resources/apps";
import { getApps } from "../../sdk";
import { ACCOUNT } from "../resources/stack";
import { lookupEmulator } from "./lookup-env";

const emulator = lookupEmulator();

test("getApps lists the account's apps and Cloudflare's managed apps, telling them apart", async () => {
  const mine = emulator().store.insert(ACCOUNT, "apps", {
    name: "CRM",
    type: "Business",
    hostnames: ["crm.example.com"],
    ip_subnets: ["192.0.2.0/24"],
    source_subnets: ["10.0.0.0/8"],
  });
  const apps = await getApps();
  expect(apps).toHaveLength(1 + MANAGED_APPS.length);
  expect(apps[0]).toEqual({
    id: mine.id,
    managed: false,
    name: "CRM",
    type: "Business",
    hostnames: ["crm.example.com"],
    ipSubnets: ["192.0.2.0/24"],
    sourceSubnets: ["10.0.0.0/8"],
    accountId: ACCOUNT,
  });
  expect(apps.slice(1).map((a) => [a.id, a.managed])).toEqual(MANAGED_APPS.map((m) => [m.managed_app_id, true]));
  expect(apps.find((a) => a.name === "Zoom")).toMatchObject({ managed: true, ipSubnets: ["170.114.0.0/16"] });

  expect((await getApps({ includeManaged: false })).map((a) => a.id)).toEqual([mine.id]);
  expect(await getApps({ accountId: "fedcba9876543210fedcba9876543210", includeManaged: false })).toEqual([]);
});
