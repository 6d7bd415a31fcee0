// name = "network_pairs"
// title = "部门协作网络：协作关系"
// description = "Every pair of agencies sharing tasks once, both ends within the filters, with the shared tasks' titles."
// columns = ["agency", "partner", "shared_tasks", "either_leads", "plans", "titles"]
// list_columns = ["titles"]
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "jurisdiction", type = "str", description = "only pairs of agencies both of this jurisdiction or below it (id or name)", example = "溧水区"},
//   {name = "kind", type = "str", description = "only pairs of agencies both of this kind", choices = ["department", "party_organ", "lower_government", "collective", "development_zone", "state_enterprise", "institute", "central_vertical", "other"]},
//   {name = "min_shared", type = "int", default = 1, min = 1, description = "only pairs sharing at least this many tasks"},
//   {name = "limit", type = "int", default = 20000, min = 1, max = 100000, description = "rows to return"},
// ]
MATCH (g:Agency)<-[ag:ASSIGNED_TO]-(t:Task)-[ao:ASSIGNED_TO]->(o:Agency)
WHERE g.id < o.id
  AND (t.plan_id = $plan OR $plan IS NULL)
  AND ((g.jurisdiction CONTAINS $jurisdiction AND o.jurisdiction CONTAINS $jurisdiction) OR $jurisdiction IS NULL)
  AND ((g.kind = $kind AND o.kind = $kind) OR $kind IS NULL)
// Counts first (one ASSIGNED_TO per task and agency, so a row is one shared task;
// plans by two levels, not a DISTINCT per pair), then titles only for the pairs
// kept: collecting every title of every pair before min_shared was 3/4 of the time.
WITH g, o, t.plan_id AS pid, count(*) AS n, count(CASE WHEN ag.lead OR ao.lead THEN 1 END) AS leads
WITH g, o, sum(n) AS shared_tasks, sum(leads) AS either_leads, count(*) AS plans
WHERE shared_tasks >= $min_shared
WITH g, o, shared_tasks, either_leads, plans
ORDER BY shared_tasks DESC, g.id, o.id
LIMIT $limit
MATCH (g)<-[:ASSIGNED_TO]-(s:Task)-[:ASSIGNED_TO]->(o)
WHERE (s.plan_id = $plan OR $plan IS NULL)
WITH g, o, shared_tasks, either_leads, plans, collect(DISTINCT s.title) AS titles
RETURN g.id AS agency, o.id AS partner, shared_tasks, either_leads, plans, titles
ORDER BY shared_tasks DESC, agency, partner
LIMIT $limit
