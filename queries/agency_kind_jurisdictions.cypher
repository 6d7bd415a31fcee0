// name = "agency_kind_jurisdictions"
// title = "同类部门在各地的任务负荷"
// description = "The workload of one kind of body (e.g. every 工业和信息化局) broken down by jurisdiction: tasks, leads, supports and the plans they come from."
// columns = ["function", "kind", "jurisdiction", "jurisdiction_name", "agencies", "tasks", "lead", "lead_explicit", "lead_first_listed", "support", "inherited", "plans", "plan_ids"]
// list_columns = ["plan_ids"]
// params = [
//   {name = "function", type = "str", description = "only this kind of body (canonical function)", example = "工业和信息化局"},
//   {name = "kind", type = "str", description = "only agencies of this kind", choices = ["department", "party_organ", "lower_government", "collective", "development_zone", "state_enterprise", "institute", "central_vertical", "other"]},
//   {name = "plan", type = "str", description = "only tasks of this plan (plan id)"},
// ]
MATCH (t:Task)-[a:ASSIGNED_TO]->(g:Agency)
WHERE (coalesce(g.function, g.name) = $function OR $function IS NULL)
  AND (g.kind = $kind OR $kind IS NULL)
  AND (t.plan_id = $plan OR $plan IS NULL)
OPTIONAL MATCH (g)-[:BELONGS_TO]->(j:Jurisdiction)
WITH coalesce(g.function, g.name) AS function, g.kind AS kind, g.jurisdiction AS jurisdiction,
     coalesce(j.name, g.jurisdiction) AS jurisdiction_name,
     count(DISTINCT g.id) AS agencies,
     count(DISTINCT t) AS tasks,
     count(DISTINCT CASE WHEN a.lead THEN t.id END) AS lead,
     count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'explicit' THEN t.id END) AS lead_explicit,
     count(DISTINCT CASE WHEN a.lead AND a.lead_basis = 'first_listed' THEN t.id END) AS lead_first_listed,
     count(DISTINCT CASE WHEN a.role = 'support' THEN t.id END) AS support,
     count(DISTINCT CASE WHEN a.inherited THEN t.id END) AS inherited,
     count(DISTINCT t.plan_id) AS plans,
     collect(DISTINCT t.plan_id) AS plan_ids
RETURN function, kind, jurisdiction, jurisdiction_name, agencies, tasks, lead, lead_explicit, lead_first_listed,
       support, inherited, plans, plan_ids
ORDER BY function, kind, tasks DESC, jurisdiction
