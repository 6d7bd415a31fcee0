// name = "agency_partners"
// title = "部门协作网络"
// description = "Who works with whom: pairs of agencies assigned to the same tasks, with the number of shared tasks."
// columns = ["agency", "agency_name", "partner", "partner_name", "partner_kind", "shared_tasks", "either_leads", "plans"]
// paged = true
// page_in_runner = true
// params = [
//   {name = "agency", type = "str", description = "partners of this agency only (agency id); otherwise every pair once", example = "江苏省/南京市/溧水区:工业和信息化局"},
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "min_shared", type = "int", default = 1, min = 1, description = "only pairs sharing at least this many tasks"},
//   {name = "limit", type = "int", default = 100, min = 1, max = 100000, description = "rows to return"},
//   {name = "offset", type = "int", default = 0, min = 0, description = "rows to skip"},
// ]
MATCH (g:Agency)<-[ag:ASSIGNED_TO]-(t:Task)-[ao:ASSIGNED_TO]->(o:Agency)
WHERE (g.id <> o.id OR $agency IS NULL)
  AND (g.id = $agency OR $agency IS NULL)
  AND (g.id < o.id OR $agency IS NOT NULL)
  AND (t.plan_id = $plan OR $plan IS NULL)
// Each pair test folds to the one that applies (every pair once, smaller id first;
// or one agency's partners), so no row pays two string comparisons.
// One ASSIGNED_TO per task and agency, so a (g, t, o) row is one shared task.
// Plans by two levels (per pair and plan, then per pair) rather than a
// count(DISTINCT) per pair: no hash set of plan ids kept for each of ~60k pairs.
WITH g, o, t.plan_id AS pid, count(*) AS n, count(CASE WHEN ag.lead OR ao.lead THEN 1 END) AS leads
WITH g, o, sum(n) AS shared_tasks, sum(leads) AS either_leads, count(*) AS plans
WHERE shared_tasks >= $min_shared
RETURN g.id AS agency, g.name AS agency_name, o.id AS partner, o.name AS partner_name, o.kind AS partner_kind,
       shared_tasks, either_leads, plans
ORDER BY shared_tasks DESC, agency, partner
SKIP $offset LIMIT $limit
