// name = "network_agencies"
// title = "部门协作网络：部门"
// description = "The agencies of the collaboration network with their task counts and task titles, filtered like network_pairs."
// columns = ["id", "name", "jurisdiction", "kind", "function", "tasks", "lead", "support", "plans", "titles"]
// list_columns = ["titles"]
// params = [
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
//   {name = "jurisdiction", type = "str", description = "only agencies of this jurisdiction or below it (id or name)", example = "溧水区"},
//   {name = "kind", type = "str", description = "only agencies of this kind", choices = ["department", "party_organ", "lower_government", "collective", "development_zone", "state_enterprise", "institute", "central_vertical", "other"]},
//   {name = "limit", type = "int", default = 2000, min = 1, max = 100000, description = "rows to return"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (t.plan_id = $plan OR $plan IS NULL)
  AND (g.jurisdiction CONTAINS $jurisdiction OR $jurisdiction IS NULL)
  AND (g.kind = $kind OR $kind IS NULL)
WITH g,
     count(DISTINCT t) AS tasks,
     count(DISTINCT CASE WHEN a.lead THEN t.id END) AS lead,
     count(DISTINCT CASE WHEN a.role = 'support' THEN t.id END) AS support,
     count(DISTINCT t.plan_id) AS plans,
     collect(DISTINCT t.title) AS titles
RETURN g.id AS id, g.name AS name, g.jurisdiction AS jurisdiction, g.kind AS kind, g.function AS function,
       tasks, lead, support, plans, titles
ORDER BY tasks DESC, id
LIMIT $limit
